package io.chronotrace.core.support;

import java.time.Instant;

/**
 * The text of {@link Instant#toString()} ({@code DateTimeFormatter.ISO_INSTANT}: seconds always,
 * then 0, 3, 6 or 9 fractional digits, {@code Z}) without the formatter, which costs a tenth of
 * a microsecond and half a kilobyte of garbage per instant: traces and SQL results hold many.
 */
public final class InstantText {

	/** The most characters {@link #format} writes. */
	public static final int MAX_LENGTH = 30;

	private InstantText() {
	}

	/**
	 * The text of an instant.
	 * @param instant the instant
	 * @return what {@link Instant#toString()} returns
	 */
	public static String of(Instant instant) {
		char[] text = new char[MAX_LENGTH];
		int length = format(instant, text);
		return (length < 0) ? instant.toString() : new String(text, 0, length);
	}

	/**
	 * Writes the text of an instant of the years 0 to 9999, which ISO-8601 writes without a sign.
	 * @param instant the instant
	 * @param text where to write, at least {@value #MAX_LENGTH} characters
	 * @return how many characters were written, or -1 for an instant of another year (use
	 * {@link Instant#toString()})
	 */
	public static int format(Instant instant, char[] text) {
		long seconds = instant.getEpochSecond();
		int nanos = instant.getNano();
		// civil date from epoch days (H. Hinnant's algorithm, proleptic Gregorian as java.time)
		long z = Math.floorDiv(seconds, 86_400) + 719_468;
		int secondOfDay = (int) Math.floorMod(seconds, 86_400);
		long era = Math.floorDiv(z, 146_097);
		long dayOfEra = z - era * 146_097;
		long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
		long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
		long shiftedMonth = (5 * dayOfYear + 2) / 153;
		int day = (int) (dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
		int month = (int) ((shiftedMonth < 10) ? shiftedMonth + 3 : shiftedMonth - 9);
		long year = yearOfEra + era * 400 + ((month <= 2) ? 1 : 0);
		if (year < 0 || year > 9999) {
			return -1;
		}
		digits(text, 0, (int) year, 4);
		text[4] = '-';
		digits(text, 5, month, 2);
		text[7] = '-';
		digits(text, 8, day, 2);
		text[10] = 'T';
		digits(text, 11, secondOfDay / 3600, 2);
		text[13] = ':';
		digits(text, 14, secondOfDay / 60 % 60, 2);
		text[16] = ':';
		digits(text, 17, secondOfDay % 60, 2);
		int length = 19;
		if (nanos > 0) {
			text[length++] = '.';
			if (nanos % 1_000_000 == 0) {
				digits(text, length, nanos / 1_000_000, 3);
				length += 3;
			}
			else if (nanos % 1000 == 0) {
				digits(text, length, nanos / 1000, 6);
				length += 6;
			}
			else {
				digits(text, length, nanos, 9);
				length += 9;
			}
		}
		text[length++] = 'Z';
		return length;
	}

	private static void digits(char[] text, int offset, int value, int count) {
		for (int i = offset + count - 1; i >= offset; i--) {
			text[i] = (char) ('0' + value % 10);
			value /= 10;
		}
	}

}
