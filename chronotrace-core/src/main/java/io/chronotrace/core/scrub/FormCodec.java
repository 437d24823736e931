package io.chronotrace.core.scrub;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * URL encoding of form fields and query parameters ({@code application/x-www-form-urlencoded}).
 * Encoding leaves the marker's brackets as they are, so a scrubbed value reads
 * {@code password=[SCRUBBED]}, which form parsers accept.
 */
final class FormCodec {

	static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

	private FormCodec() {
	}

	/**
	 * Decodes a URL-encoded name or value; a {@code %} not followed by two hex digits is kept.
	 */
	static String decode(byte[] raw, int length, Charset charset) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(length);
		for (int i = 0; i < length; i++) {
			int b = raw[i];
			if (b == '+') {
				bytes.write(' ');
			}
			else if (b == '%' && i + 2 < length && hex(raw[i + 1]) >= 0 && hex(raw[i + 2]) >= 0) {
				bytes.write(hex(raw[i + 1]) << 4 | hex(raw[i + 2]));
				i += 2;
			}
			else {
				bytes.write(b);
			}
		}
		return bytes.toString(charset);
	}

	static int hex(int b) {
		if (b >= '0' && b <= '9') {
			return b - '0';
		}
		if (b >= 'A' && b <= 'F') {
			return b - 'A' + 10;
		}
		if (b >= 'a' && b <= 'f') {
			return b - 'a' + 10;
		}
		return -1;
	}

	/** Writes characters URL-encoded in the charset. */
	static void encode(char[] chars, int offset, int length, Charset charset, OutputStream out) throws IOException {
		ByteBuffer bytes = charset.encode(CharBuffer.wrap(chars, offset, length));
		while (bytes.hasRemaining()) {
			int b = bytes.get() & 0xFF;
			if (b == ' ') {
				out.write('+');
			}
			else if (isSafe(b)) {
				out.write(b);
			}
			else {
				out.write('%');
				out.write(HEX[b >> 4]);
				out.write(HEX[b & 0xF]);
			}
		}
	}

	private static boolean isSafe(int b) {
		return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '-' || b == '.'
				|| b == '_' || b == '~' || b == '*' || b == '[' || b == ']';
	}

}
