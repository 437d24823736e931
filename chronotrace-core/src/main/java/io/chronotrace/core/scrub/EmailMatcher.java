package io.chronotrace.core.scrub;

/**
 * Finds e-mail addresses: a local part of letters, digits and {@code . _ % + -}, an {@code @}, and
 * a domain of at least two labels whose last label is two letters or more.
 * <p>
 * Linear: the scan starts at each {@code @} and never crosses another one, so every character
 * is looked at a bounded number of times.
 */
final class EmailMatcher extends AsciiMatcher {

	/** Letters, digits and {@code . -}. */
	private static final boolean[] DOMAIN = new boolean[256];

	/** Those of the domain and {@code _ % +}. */
	private static final boolean[] LOCAL = new boolean[256];

	static {
		for (int c = 0; c < 128; c++) {
			DOMAIN[c] = isAsciiLetter((byte) c) || isDigit((byte) c) || c == '.' || c == '-';
			LOCAL[c] = DOMAIN[c] || c == '_' || c == '%' || c == '+';
		}
	}

	@Override
	boolean mayMatch(int ats, int digits) {
		return ats > 0;
	}

	@Override
	void find(byte[] text, int from, int to, MatchRanges ranges) {
		int floor = from;
		int at = from;
		for (;;) {
			while (at < to && text[at] != '@') {
				at++;
			}
			if (at >= to) {
				return;
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
				at = end;
			}
			else {
				floor = at + 1;
				at++;
			}
		}
	}

	private static boolean isDomainName(byte[] text, int from, int to) {
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

	private static boolean isLocal(byte c) {
		return LOCAL[c & 0xFF];
	}

	private static boolean isDomain(byte c) {
		return DOMAIN[c & 0xFF];
	}

}
