package io.chronotrace.core.scrub;

/** The grammar of JSON numbers, on bytes: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}. */
final class JsonNumber {

	/** Jackson's default limit on the length of a number. */
	static final int MAX_LENGTH = 1000;

	private static final boolean[] NUMBER_BYTES = new boolean[256];

	static {
		for (int b = '0'; b <= '9'; b++) {
			NUMBER_BYTES[b] = true;
		}
		for (char c : "-+.eE".toCharArray()) {
			NUMBER_BYTES[c] = true;
		}
	}

	private JsonNumber() {
	}

	/** Whether a byte can be part of a number: where a number ends is the first byte that cannot. */
	static boolean isNumberByte(byte b) {
		return NUMBER_BYTES[b & 0xFF];
	}

	/** Whether {@code bytes[from, to)} is a number. */
	static boolean isValid(byte[] bytes, int from, int to) {
		int i = from;
		if (i < to && bytes[i] == '-') {
			i++;
		}
		if (i < to && bytes[i] == '0') {
			i++;
		}
		else {
			int digits = digits(bytes, i, to);
			if (digits == 0) {
				return false;
			}
			i += digits;
		}
		if (i < to && bytes[i] == '.') {
			int digits = digits(bytes, ++i, to);
			if (digits == 0) {
				return false;
			}
			i += digits;
		}
		if (i < to && (bytes[i] == 'e' || bytes[i] == 'E')) {
			i++;
			if (i < to && (bytes[i] == '+' || bytes[i] == '-')) {
				i++;
			}
			int digits = digits(bytes, i, to);
			if (digits == 0) {
				return false;
			}
			i += digits;
		}
		return i == to;
	}

	/** Whether a valid number {@code bytes[from, to)} is an integer. */
	static boolean isInteger(byte[] bytes, int from, int to) {
		for (int i = from; i < to; i++) {
			byte b = bytes[i];
			if (b == '.' || b == 'e' || b == 'E') {
				return false;
			}
		}
		return true;
	}

	private static int digits(byte[] bytes, int from, int to) {
		int i = from;
		while (i < to && AsciiMatcher.isDigit(bytes[i])) {
			i++;
		}
		return i - from;
	}

}
