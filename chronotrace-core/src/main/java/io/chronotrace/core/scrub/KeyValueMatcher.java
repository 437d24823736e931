package io.chronotrace.core.scrub;

import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Finds secrets written as {@code name=value} or {@code name: value} in free text (log
 * messages, exception messages, text bodies), such as {@code password=hunter2},
 * {@code "token": "abc"} or {@code Authorization: Bearer abc}, when a configured key matches the
 * name. The value is scrubbed, the name kept.
 * <p>
 * Linear: names are read once, and the scan resumes after the value it scrubbed.
 */
final class KeyValueMatcher implements TextMatcher {

	/** The longest quoted value looked for; longer ones are scrubbed up to this length. */
	static final int MAX_QUOTED_VALUE = 4096;

	/** Schemes kept in front of credentials, as in {@code Bearer [SCRUBBED]}. */
	static final Set<String> AUTH_SCHEMES = Set.of("basic", "bearer", "digest", "negotiate", "ntlm", "token");

	private final Predicate<String> secretName;

	KeyValueMatcher(Predicate<String> secretName) {
		this.secretName = secretName;
	}

	@Override
	public void find(char[] text, int from, int to, MatchRanges ranges) {
		int i = from;
		while (i < to) {
			if (!isNameChar(text[i])) {
				i++;
				continue;
			}
			int nameStart = i;
			while (i < to && isNameChar(text[i])) {
				i++;
			}
			int nameEnd = i;
			int j = nameEnd;
			if (j < to && (text[j] == '"' || text[j] == '\'')) {
				j++;
			}
			j = skipBlanks(text, j, to);
			if (j >= to || (text[j] != '=' && text[j] != ':')) {
				continue;
			}
			j = skipBlanks(text, j + 1, to);
			if (j >= to || startsWithMarker(text, j, to)
					|| !this.secretName.test(new String(text, nameStart, nameEnd - nameStart))) {
				continue;
			}
			char quote = text[j];
			if (quote == '"' || quote == '\'') {
				int limit = Math.min(to, j + 1 + MAX_QUOTED_VALUE);
				int end = j + 1;
				while (end < limit && text[end] != quote) {
					end++;
				}
				ranges.add(nameStart, j + 1, end);
				i = end;
			}
			else {
				int end = tokenEnd(text, j, to);
				if (AUTH_SCHEMES.contains(new String(text, j, end - j).toLowerCase(Locale.ROOT))) {
					int credentials = skipBlanks(text, end, to);
					if (credentials > end && credentials < to && !isDelimiter(text[credentials])) {
						if (startsWithMarker(text, credentials, to)) {
							i = credentials;
							continue;
						}
						j = credentials;
						end = tokenEnd(text, credentials, to);
					}
				}
				ranges.add(nameStart, j, end);
				i = end;
			}
		}
	}

	private static boolean startsWithMarker(char[] text, int from, int to) {
		String marker = ScrubRules.MARKER;
		if (to - from < marker.length()) {
			return false;
		}
		for (int k = 0; k < marker.length(); k++) {
			if (text[from + k] != marker.charAt(k)) {
				return false;
			}
		}
		return true;
	}

	private static int tokenEnd(char[] text, int from, int to) {
		int end = from;
		while (end < to && !isDelimiter(text[end])) {
			end++;
		}
		return end;
	}

	private static int skipBlanks(char[] text, int from, int to) {
		int i = from;
		while (i < to && (text[i] == ' ' || text[i] == '\t')) {
			i++;
		}
		return i;
	}

	private static boolean isNameChar(char c) {
		return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.';
	}

	private static boolean isDelimiter(char c) {
		return Character.isWhitespace(c) || c == '&' || c == ',' || c == ';' || c == '"' || c == '\'' || c == '<'
				|| c == '>' || c == ')' || c == ']' || c == '}';
	}

}
