package io.chronotrace.core.scrub;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A matcher whose patterns are made of ASCII characters only, so that it runs on UTF-8 bytes as
 * well as on characters: no byte of a multi-byte UTF-8 sequence is ASCII, so such a byte, like a
 * character outside ASCII, can never be part of a match. A JSON string is scanned as it came,
 * without being decoded.
 */
abstract class AsciiMatcher implements TextMatcher {

	/** Reads eight bytes at a time, the first in the lowest byte. */
	static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

	/** What stands for a character outside ASCII when characters are scanned as bytes. */
	private static final byte NON_ASCII = (byte) 0x80;

	/**
	 * Adds the ranges of {@code text[from, to)} to scrub.
	 * @param text UTF-8 bytes, or any bytes where a byte outside ASCII stands for a character
	 * outside ASCII
	 * @param from the first index to look at
	 * @param to the index after the last one to look at
	 * @param ranges where found ranges go, as indexes into {@code text}
	 */
	abstract void find(byte[] text, int from, int to, MatchRanges ranges);

	/**
	 * Whether a text could hold a match, from counts a scanner keeps at no cost as it looks for
	 * where the text ends; if not, there is no need to search it.
	 * @param ats how many {@code @} the text has
	 * @param digits how many ASCII digits it has, or at least how many its longest stretch of
	 * digits, spaces and dashes has (what a card number needs)
	 * @return {@code false} when it cannot hold a match
	 */
	abstract boolean mayMatch(int ats, int digits);

	/** Searches the text only if {@link #mayMatch} says it could hold a match. */
	void find(byte[] text, int from, int to, int ats, int digits, MatchRanges ranges) {
		if (mayMatch(ats, digits)) {
			find(text, from, to, ranges);
		}
	}

	@Override
	public final void find(char[] text, int from, int to, MatchRanges ranges) {
		byte[] ascii = new byte[to];
		for (int i = from; i < to; i++) {
			char c = text[i];
			ascii[i] = (c < 0x80) ? (byte) c : NON_ASCII;
		}
		find(ascii, from, to, ranges);
	}

	/**
	 * A matcher that runs several ASCII matchers, on bytes or on characters converted once.
	 * @param matchers the matchers
	 * @return the matcher
	 */
	static AsciiMatcher all(AsciiMatcher... matchers) {
		return new AsciiMatcher() {

			@Override
			void find(byte[] text, int from, int to, MatchRanges ranges) {
				for (AsciiMatcher matcher : matchers) {
					matcher.find(text, from, to, ranges);
				}
			}

			@Override
			boolean mayMatch(int ats, int digits) {
				for (AsciiMatcher matcher : matchers) {
					if (matcher.mayMatch(ats, digits)) {
						return true;
					}
				}
				return false;
			}

			@Override
			void find(byte[] text, int from, int to, int ats, int digits, MatchRanges ranges) {
				for (AsciiMatcher matcher : matchers) {
					matcher.find(text, from, to, ats, digits, ranges);
				}
			}

		};
	}

	static boolean isAsciiLetter(byte c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	}

	static boolean isDigit(byte c) {
		return c >= '0' && c <= '9';
	}

}
