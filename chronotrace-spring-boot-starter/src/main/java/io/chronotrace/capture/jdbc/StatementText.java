package io.chronotrace.capture.jdbc;

import java.util.List;

import io.chronotrace.core.support.BoundedText;

/**
 * The SQL a statement's event records: the statement as prepared, or the statements of a
 * {@code Statement} batch joined by {@code ";\n"}, at most {@value #MAX_LENGTH} characters. An
 * isolated replay finds a statement in the recording by the same text.
 */
public final class StatementText {

	/** The most characters kept of a statement's SQL. */
	public static final int MAX_LENGTH = 20_000;

	private StatementText() {
	}

	/**
	 * The recorded text of a statement.
	 * @param statements the SQL run: one statement, or those of a batch in order
	 * @return the text
	 */
	public static String of(List<String> statements) {
		return BoundedText.of((statements.size() == 1) ? statements.get(0) : String.join(";\n", statements),
				MAX_LENGTH);
	}

}
