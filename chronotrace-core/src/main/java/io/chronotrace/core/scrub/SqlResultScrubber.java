package io.chronotrace.core.scrub;

import java.util.ArrayList;
import java.util.List;

import io.chronotrace.core.trace.SqlColumn;
import io.chronotrace.core.trace.SqlResult;
import org.jspecify.annotations.Nullable;

/**
 * Scrubs the recorded rows of a SQL result: every value of a column whose label or name is a
 * secret ({@code password}, {@code api_key}) becomes the marker, and the result names those
 * columns; the other values get the value patterns (e-mail addresses, card numbers).
 */
final class SqlResultScrubber {

	private final ScrubRules rules;

	SqlResultScrubber(ScrubRules rules) {
		this.rules = rules;
	}

	@Nullable SqlResult scrub(@Nullable SqlResult result) {
		if (result == null) {
			return null;
		}
		List<SqlColumn> columns = result.columns();
		boolean[] secret = new boolean[columns.size()];
		List<String> scrubbedColumns = new ArrayList<>(result.scrubbedColumns());
		for (int i = 0; i < secret.length; i++) {
			SqlColumn column = columns.get(i);
			secret[i] = isSecret(column.label()) || isSecret(column.name());
			if (secret[i] && !scrubbedColumns.contains(column.label())) {
				scrubbedColumns.add(column.label());
			}
		}
		List<List<@Nullable String>> rows = new ArrayList<>(result.rows().size());
		for (List<@Nullable String> row : result.rows()) {
			List<@Nullable String> values = new ArrayList<>(row.size());
			for (int i = 0; i < row.size(); i++) {
				String value = row.get(i);
				if (value == null) {
					values.add(null);
				}
				else {
					values.add((i < secret.length && secret[i]) ? ScrubRules.MARKER : this.rules.scrubValue(value));
				}
			}
			rows.add(values);
		}
		return result.withRows(rows, scrubbedColumns);
	}

	private boolean isSecret(@Nullable String name) {
		return name != null && this.rules.isSecretName(name);
	}

}
