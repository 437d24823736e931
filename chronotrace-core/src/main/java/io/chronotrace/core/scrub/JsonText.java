package io.chronotrace.core.scrub;

import java.util.Arrays;

/**
 * The text of a JSON string's content: decoded as it came (escapes and UTF-8) into characters,
 * remembering which byte each character started at, and encoded back (as a {@link CharSink})
 * into content that any JSON reader reads as the same characters. Invalid UTF-8 and lone
 * surrogates become U+FFFD. Reused for every string of a body; not thread-safe.
 */
final class JsonText implements CharSink {

	private static final char REPLACEMENT = '\uFFFD';

	private char[] chars = new char[64];

	/** The byte each character starts at, and after the last one where decoding stopped. */
	private int[] starts = new int[65];

	private int length;

	private byte[] encoded = new byte[64];

	private int encodedLength;

	/** The content of a complete string, decoded. */
	static String decode(byte[] raw, int from, int to) {
		JsonText text = new JsonText();
		text.decode(raw, from, to, true);
		return new String(text.chars, 0, text.length);
	}

	/**
	 * Decodes {@code raw[from, to)}, string content whose escapes are valid.
	 * @param complete whether the content ends at {@code to}; if not, an escape or UTF-8
	 * sequence cut at {@code to} is left for later
	 * @return where decoding stopped: {@code to}, or the start of a sequence cut at {@code to}
	 */
	int decode(byte[] raw, int from, int to, boolean complete) {
		if (this.chars.length < to - from) {
			this.chars = new char[to - from];
			this.starts = new int[to - from + 1];
		}
		int n = 0;
		int i = from;
		while (i < to) {
			int b = raw[i];
			this.starts[n] = i;
			if (b >= 0 && b != '\\') {
				this.chars[n++] = (char) b;
				i++;
				continue;
			}
			int size = (b == '\\') ? escapeSize(raw, i, to) : utf8Size(b);
			if (i + size > to) {
				if (!complete) {
					break;
				}
				this.chars[n++] = REPLACEMENT;
				i++;
				continue;
			}
			int code = (b == '\\') ? unescape(raw, i) : utf8(raw, i, size);
			if (code < 0) {
				this.chars[n++] = REPLACEMENT;
				i++;
			}
			else if (code >= 0x10000) {
				this.chars[n++] = Character.highSurrogate(code);
				this.starts[n] = i;
				this.chars[n++] = Character.lowSurrogate(code);
				i += size;
			}
			else {
				this.chars[n++] = (char) code;
				i += size;
			}
		}
		this.starts[n] = i;
		this.length = n;
		return i;
	}

	private static int escapeSize(byte[] raw, int i, int to) {
		return (i + 1 < to && raw[i + 1] == 'u') ? 6 : 2;
	}

	private static int utf8Size(int b) {
		int lead = b & 0xFF;
		if (lead >= 0xC2 && lead <= 0xDF) {
			return 2;
		}
		if (lead >= 0xE0 && lead <= 0xEF) {
			return 3;
		}
		return (lead >= 0xF0 && lead <= 0xF4) ? 4 : 1;
	}

	/** The code point of the UTF-8 sequence at {@code i}, or -1 when it is not one. */
	private static int utf8(byte[] raw, int i, int size) {
		if (size == 1) {
			return -1;
		}
		int code = raw[i] & (0x7F >> size);
		for (int k = 1; k < size; k++) {
			int b = raw[i + k];
			if ((b & 0xC0) != 0x80) {
				return -1;
			}
			code = (code << 6) | (b & 0x3F);
		}
		boolean overlong = (size == 3 && code < 0x800) || (size == 4 && code < 0x10000);
		boolean surrogate = code >= Character.MIN_SURROGATE && code <= Character.MAX_SURROGATE;
		return (overlong || surrogate || code > Character.MAX_CODE_POINT) ? -1 : code;
	}

	private static int unescape(byte[] raw, int i) {
		return switch (raw[i + 1]) {
			case 'b' -> '\b';
			case 'f' -> '\f';
			case 'n' -> '\n';
			case 'r' -> '\r';
			case 't' -> '\t';
			case 'u' -> FormCodec.hex(raw[i + 2]) << 12 | FormCodec.hex(raw[i + 3]) << 8 | FormCodec.hex(raw[i + 4]) << 4
					| FormCodec.hex(raw[i + 5]);
			default -> raw[i + 1];
		};
	}

	char[] chars() {
		return this.chars;
	}

	int length() {
		return this.length;
	}

	/** The byte the character at {@code index} starts at; at {@link #length()}, where decoding stopped. */
	int start(int index) {
		return this.starts[index];
	}

	/** Forgets what was encoded. */
	void clearEncoded() {
		this.encodedLength = 0;
	}

	byte[] encoded() {
		return this.encoded;
	}

	int encodedLength() {
		return this.encodedLength;
	}

	@Override
	public void write(char[] text, int offset, int count) {
		ensureEncoded(count * 6);
		byte[] out = this.encoded;
		int n = this.encodedLength;
		for (int i = offset, end = offset + count; i < end; i++) {
			char c = text[i];
			if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
				out[n++] = (byte) c;
			}
			else if (c < 0x80) {
				n = escape(c, out, n);
			}
			else if (c < 0x800) {
				out[n++] = (byte) (0xC0 | c >> 6);
				out[n++] = (byte) (0x80 | c & 0x3F);
			}
			else if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(text[i + 1])) {
				int code = Character.toCodePoint(c, text[++i]);
				out[n++] = (byte) (0xF0 | code >> 18);
				out[n++] = (byte) (0x80 | code >> 12 & 0x3F);
				out[n++] = (byte) (0x80 | code >> 6 & 0x3F);
				out[n++] = (byte) (0x80 | code & 0x3F);
			}
			else {
				char d = Character.isSurrogate(c) ? REPLACEMENT : c;
				out[n++] = (byte) (0xE0 | d >> 12);
				out[n++] = (byte) (0x80 | d >> 6 & 0x3F);
				out[n++] = (byte) (0x80 | d & 0x3F);
			}
		}
		this.encodedLength = n;
	}

	private static int escape(char c, byte[] out, int n) {
		out[n++] = '\\';
		switch (c) {
			case '"', '\\' -> out[n++] = (byte) c;
			case '\b' -> out[n++] = 'b';
			case '\f' -> out[n++] = 'f';
			case '\n' -> out[n++] = 'n';
			case '\r' -> out[n++] = 'r';
			case '\t' -> out[n++] = 't';
			default -> {
				out[n++] = 'u';
				out[n++] = '0';
				out[n++] = '0';
				out[n++] = FormCodec.HEX[c >> 4];
				out[n++] = FormCodec.HEX[c & 0xF];
			}
		}
		return n;
	}

	private void ensureEncoded(int more) {
		if (this.encodedLength + more > this.encoded.length) {
			this.encoded = Arrays.copyOf(this.encoded, Math.max(this.encodedLength + more, this.encoded.length * 2));
		}
	}

}
