package io.chronotrace.core.scrub;

/**
 * Finds payment card numbers: 13 to 19 digits, written together or in groups of 3 to 16
 * digits separated by one space or dash, starting with an issuer digit from 2 to 6 (Visa,
 * Mastercard, American Express, Discover, JCB, Diners, UnionPay, Maestro), passing the Luhn
 * check, and not glued to letters (which would make them part of an identifier or a hash).
 * <p>
 * The issuer digit and the Luhn check keep order numbers and epoch-millisecond timestamps
 * (which start with 1) from being scrubbed. Linear: each group of digits is read once, and
 * tried with the groups before it that fit in {@link #MAX_DIGITS} digits.
 */
final class CardNumberMatcher extends AsciiMatcher {

	private static final int MIN_DIGITS = 13;

	private static final int MAX_DIGITS = 19;

	/** The fewest digits of a group when a number is written in groups. */
	private static final int MIN_GROUP = 3;

	@Override
	boolean mayMatch(int ats, int digits) {
		return digits >= MIN_DIGITS;
	}

	@Override
	void find(byte[] text, int from, int to, MatchRanges ranges) {
		int i = from;
		for (;;) {
			while (i < to && !isDigit(text[i])) {
				i++;
			}
			if (i >= to) {
				return;
			}
			int groupStart = i;
			while (i < to && isDigit(text[i])) {
				i++;
			}
			int digits = i - groupStart;
			if (digits >= MIN_DIGITS && digits <= MAX_DIGITS) {
				candidate(text, from, to, groupStart, i, ranges);
			}
			if (digits >= MIN_GROUP && digits <= MAX_DIGITS - MIN_GROUP) {
				groupsEndingAt(text, from, to, groupStart, i, ranges);
			}
			if (i + 1 < to && isSeparator(text[i]) && isDigit(text[i + 1])) {
				i++;
			}
		}
	}

	/**
	 * Tries the numbers written in groups that end with the group {@code [start, end)}, walking
	 * back over at most {@link #MAX_DIGITS} digits.
	 */
	private static void groupsEndingAt(byte[] text, int from, int to, int start, int end, MatchRanges ranges) {
		int total = end - start;
		int separator = start - 1;
		while (separator - 1 >= from && isSeparator(text[separator]) && isDigit(text[separator - 1])) {
			int groupStart = separator;
			while (groupStart - 1 >= from && isDigit(text[groupStart - 1])
					&& total + (separator - groupStart) < MAX_DIGITS) {
				groupStart--;
			}
			int digits = separator - groupStart;
			if ((groupStart - 1 >= from && isDigit(text[groupStart - 1])) || digits < MIN_GROUP) {
				return;
			}
			total += digits;
			if (total >= MIN_DIGITS) {
				candidate(text, from, to, groupStart, end, ranges);
			}
			separator = groupStart - 1;
		}
	}

	private static void candidate(byte[] text, int from, int to, int start, int end, MatchRanges ranges) {
		byte issuer = text[start];
		if (issuer < '2' || issuer > '6') {
			return;
		}
		if ((start > from && isAsciiLetter(text[start - 1])) || (end < to && isAsciiLetter(text[end]))) {
			return;
		}
		if (passesLuhn(text, start, end)) {
			ranges.add(start, end);
		}
	}

	static boolean passesLuhn(byte[] text, int start, int end) {
		int sum = 0;
		boolean doubled = false;
		for (int i = end - 1; i >= start; i--) {
			byte c = text[i];
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

	private static boolean isSeparator(byte c) {
		return c == ' ' || c == '-';
	}

}
