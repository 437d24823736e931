package io.chronotrace.replay.jdbc;

import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import io.chronotrace.capture.jdbc.StatementText;
import io.chronotrace.core.scrub.ScrubRules;

/**
 * SQL as statements are matched: whitespace runs outside quotes become one space and what is
 * outside quotes is lower-cased, so that a statement matches its recording however it is laid
 * out and whatever the case of its keywords. In a recorded text, a scrubbed value
 * ({@code [SCRUBBED]}) matches any text, and a text cut at the recording's bound matches any
 * statement that starts the same.
 */
final class SqlText {

	private static final String MARKER = ScrubRules.MARKER.toLowerCase(Locale.ROOT);

	private final String normalized;

	private final @Nullable Pattern pattern;

	private SqlText(String normalized, @Nullable Pattern pattern) {
		this.normalized = normalized;
		this.pattern = pattern;
	}

	/**
	 * A recorded statement's text, as it matches sent ones.
	 * @param sql the recorded SQL
	 * @return the text
	 */
	static SqlText recorded(String sql) {
		String normalized = normalize(sql);
		boolean cut = sql.length() == StatementText.MAX_LENGTH && sql.endsWith("...");
		String lower = normalized.toLowerCase(Locale.ROOT);
		if (!cut && !lower.contains(MARKER)) {
			return new SqlText(normalized, null);
		}
		String body = cut ? normalized.substring(0, Math.max(0, normalized.length() - 3)) : normalized;
		StringBuilder regex = new StringBuilder();
		int from = 0;
		int marker;
		while ((marker = body.toLowerCase(Locale.ROOT).indexOf(MARKER, from)) >= 0) {
			regex.append(Pattern.quote(body.substring(from, marker))).append(".*?");
			from = marker + MARKER.length();
		}
		regex.append(Pattern.quote(body.substring(from)));
		if (cut) {
			regex.append(".*");
		}
		return new SqlText(normalized, Pattern.compile(regex.toString(), Pattern.DOTALL));
	}

	/**
	 * The normalized text.
	 * @return the text
	 */
	String normalized() {
		return this.normalized;
	}

	/**
	 * Whether a sent statement is this recorded one.
	 * @param sent the normalized text of the sent statement
	 * @return whether it matches
	 */
	boolean matches(String sent) {
		return (this.pattern != null) ? this.pattern.matcher(sent).matches() : this.normalized.equals(sent);
	}

	/**
	 * Normalizes SQL: whitespace runs outside quotes become one space, the rest outside quotes is
	 * lower-cased, leading and trailing whitespace goes.
	 * @param sql the SQL
	 * @return the normalized SQL
	 */
	static String normalize(String sql) {
		StringBuilder text = new StringBuilder(sql.length());
		char quote = 0;
		boolean space = false;
		for (int i = 0; i < sql.length(); i++) {
			char c = sql.charAt(i);
			if (quote != 0) {
				text.append(c);
				if (c == quote) {
					quote = 0;
				}
				continue;
			}
			if (Character.isWhitespace(c)) {
				space = true;
				continue;
			}
			if (space && !text.isEmpty()) {
				text.append(' ');
			}
			space = false;
			if (c == '\'' || c == '"' || c == '`') {
				quote = c;
				text.append(c);
			}
			else {
				text.append(Character.toLowerCase(c));
			}
		}
		return text.toString();
	}

}
