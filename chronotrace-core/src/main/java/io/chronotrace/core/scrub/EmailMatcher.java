package io.chronotrace.core.scrub;

/**
 * Finds e-mail addresses: a local part of letters, digits and {@code . _ % + -}, an {@code @}, and
 * a domain of at least two labels whose last label is two letters or more.
 * <p>
 * Linear: the scan starts at each {@code @} and never crosses another one, so every character
 * is looked at a bounded number of times.
 */
final class EmailMatcher implements TextMatcher {

	@Override
	public void find(char[] text, int from, int to, MatchRanges ranges) {
		int floor = from;
		for (int at = from; at < to; at++) {
			if (text[at] != '@') {
				continue;
			}
			int start = at;
			while (start > floor && isLocal(text[start - 1])) {
				start--;
			}
			while (start < at && text[start] == '.') {
				start++;
			}
			int end = at + 1;
			while (end < to && isDomain(text[end])) {
				end++;
			}
			while (end > at + 1 && (text[end - 1] == '.' || text[end - 1] == '-')) {
				end--;
			}
			if (start < at && isDomainName(text, at + 1, end)) {
				ranges.add(start, end);
				floor = end;
				at = end - 1;
			}
			else {
				floor = at + 1;
			}
		}
	}

	private static boolean isDomainName(char[] text, int from, int to) {
		int lastDot = -1;
		for (int i = from; i < to; i++) {
			if (text[i] == '.') {
				if (i == from || i - 1 == lastDot) {
					return false;
				}
				lastDot = i;
			}
		}
		if (lastDot < 0 || to - lastDot - 1 < 2) {
			return false;
		}
		for (int i = lastDot + 1; i < to; i++) {
			if (!isAsciiLetter(text[i])) {
				return false;
			}
		}
		return true;
	}

	private static boolean isLocal(char c) {
		return isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
	}

	private static boolean isDomain(char c) {
		return isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '.' || c == '-';
	}

	static boolean isAsciiLetter(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	}

}
