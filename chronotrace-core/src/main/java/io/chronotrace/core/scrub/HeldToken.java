package io.chronotrace.core.scrub;

import java.util.Arrays;

/**
 * A number or literal ({@code true}, {@code false}, {@code null}, a byte order mark) that the end
 * of a chunk cut: its bytes so far, kept until it completes, and for a literal the bytes it must
 * have. Bounded by {@link JsonNumber#MAX_LENGTH}.
 */
final class HeldToken {

	/** What {@link #matchLiteral} returns when the chunk ended first. */
	static final int MORE = -1;

	/** What {@link #matchLiteral} returns on a byte that is not the literal's. */
	static final int MISMATCH = -2;

	private byte[] bytes = new byte[32];

	private int length;

	private byte[] literal = new byte[0];

	private int matched;

	/**
	 * Keeps more bytes of the token.
	 * @return {@code false} if the token is longer than a number can be
	 */
	boolean hold(byte[] chunk, int from, int to) {
		int total = this.length + to - from;
		if (total > JsonNumber.MAX_LENGTH) {
			return false;
		}
		if (total > this.bytes.length) {
			this.bytes = Arrays.copyOf(this.bytes, Math.max(total, this.bytes.length * 2));
		}
		System.arraycopy(chunk, from, this.bytes, this.length, to - from);
		this.length = total;
		return true;
	}

	byte[] bytes() {
		return this.bytes;
	}

	int length() {
		return this.length;
	}

	void clear() {
		this.length = 0;
	}

	/** Starts reading a literal, whose first byte is yet to be matched. */
	void startLiteral(byte[] literal) {
		this.literal = literal;
		this.matched = 0;
	}

	/**
	 * Matches the chunk's bytes against the rest of the literal.
	 * @return the index after the literal, {@link #MORE} or {@link #MISMATCH}
	 */
	int matchLiteral(byte[] chunk, int from, int to) {
		byte[] expected = this.literal;
		int k = this.matched;
		int i = from;
		while (i < to && k < expected.length) {
			if (chunk[i] != expected[k]) {
				return MISMATCH;
			}
			i++;
			k++;
		}
		this.matched = k;
		return (k < expected.length) ? MORE : i;
	}

}
