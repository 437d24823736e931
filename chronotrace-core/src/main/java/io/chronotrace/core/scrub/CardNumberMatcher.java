package io.chronotrace.core.scrub;

/**
 * Finds payment card numbers: 13 to 19 digits, written together or in groups of 3 to 16
 * digits separated by one space or dash, starting with an issuer digit from 2 to 6 (Visa,
 * Mastercard, American Express, Discover, JCB, Diners, UnionPay, Maestro), passing the Luhn
 * check, and not glued to letters (which would make them part of an identifier or a hash).
 * <p>
 * The issuer digit and the Luhn check keep order numbers and epoch-millisecond timestamps
 * (which start with 1) from being scrubbed. Linear: each group of digits is read once and
 * tried with at most {@link #MAX_GROUPS} groups before it.
 */
final class CardNumberMatcher implements TextMatcher {

	private static final int MIN_DIGITS = 13;

	private static final int MAX_DIGITS = 19;

	private static final int MIN_GROUP = 3;

	/** The most groups of {@link #MIN_GROUP} digits or more that fit in {@link #MAX_DIGITS}. */
	private static final int MAX_GROUPS = MAX_DIGITS / MIN_GROUP;

	@Override
	public void find(char[] text, int from, int to, MatchRanges ranges) {
		int[] groupStarts = null;
		int[] groupDigits = null;
		int i = from;
		while (i < to) {
			if (!isDigit(text[i])) {
				i++;
				continue;
			}
			if (groupStarts == null) {
				groupStarts = new int[MAX_GROUPS];
				groupDigits = new int[MAX_GROUPS];
			}
			int groups = 0;
			while (true) {
				int start = i;
				while (i < to && isDigit(text[i])) {
					i++;
				}
				int digits = i - start;
				if (digits >= MIN_DIGITS && digits <= MAX_DIGITS) {
					candidate(text, from, to, start, i, ranges);
				}
				if (digits < MIN_GROUP || digits > MAX_DIGITS - MIN_GROUP) {
					groups = 0;
				}
				else {
					if (groups == MAX_GROUPS) {
						System.arraycopy(groupStarts, 1, groupStarts, 0, MAX_GROUPS - 1);
						System.arraycopy(groupDigits, 1, groupDigits, 0, MAX_GROUPS - 1);
						groups--;
					}
					groupStarts[groups] = start;
					groupDigits[groups] = digits;
					groups++;
					int total = digits;
					for (int g = groups - 2; g >= 0 && total + groupDigits[g] <= MAX_DIGITS; g--) {
						total += groupDigits[g];
						if (total >= MIN_DIGITS) {
							candidate(text, from, to, groupStarts[g], i, ranges);
						}
					}
				}
				if (i + 1 < to && (text[i] == ' ' || text[i] == '-') && isDigit(text[i + 1])) {
					i++;
				}
				else {
					break;
				}
			}
		}
	}

	private static void candidate(char[] text, int from, int to, int start, int end, MatchRanges ranges) {
		char issuer = text[start];
		if (issuer < '2' || issuer > '6') {
			return;
		}
		if ((start > from && EmailMatcher.isAsciiLetter(text[start - 1]))
				|| (end < to && EmailMatcher.isAsciiLetter(text[end]))) {
			return;
		}
		if (passesLuhn(text, start, end)) {
			ranges.add(start, end);
		}
	}

	static boolean passesLuhn(char[] text, int start, int end) {
		int sum = 0;
		boolean doubled = false;
		for (int i = end - 1; i >= start; i--) {
			char c = text[i];
			if (!isDigit(c)) {
				continue;
			}
			int digit = c - '0';
			if (doubled) {
				digit *= 2;
				if (digit > 9) {
					digit -= 9;
				}
			}
			sum += digit;
			doubled = !doubled;
		}
		return sum % 10 == 0;
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

}
