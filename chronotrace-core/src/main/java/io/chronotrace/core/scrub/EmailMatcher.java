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
			at = nextAt(text, at, to);
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

	/** Where the next {@code @} is, looking at eight bytes at a time; {@code to} if none. */
	private static int nextAt(byte[] text, int from, int to) {
		int i = from;
		while (i + 8 <= to) {
			long word = (long) LONGS.get(text, i) ^ 0x4040404040404040L;
			long zero = (word - 0x0101010101010101L) & ~word & 0x8080808080808080L;
			if (zero != 0) {
				// the lowest byte flagged is exact: a borrow only flags bytes above a zero byte
				return i + (Long.numberOfTrailingZeros(zero) >>> 3);
			}
			i += 8;
		}
		while (i < to && text[i] != '@') {
			i++;
		}
		return i;
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
