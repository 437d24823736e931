package io.chronotrace.core.scrub;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

/**
 * Decodes bytes that arrive in pieces into characters for a {@link ScrubbingWindow}, keeping
 * a character split between two pieces until its last byte arrives. Malformed input becomes
 * the replacement character.
 */
final class CharDecoder {

	private final CharsetDecoder decoder;

	private final ScrubbingWindow window;

	private final ByteBuffer input = ByteBuffer.allocate(4096);

	private final CharBuffer output = CharBuffer.allocate(4096);

	CharDecoder(Charset charset, ScrubbingWindow window) {
		this.decoder = charset.newDecoder()
			.onMalformedInput(CodingErrorAction.REPLACE)
			.onUnmappableCharacter(CodingErrorAction.REPLACE);
		this.window = window;
	}

	void write(byte[] bytes, int offset, int length) throws IOException {
		int position = offset;
		int end = offset + length;
		while (position < end) {
			int count = Math.min(end - position, this.input.remaining());
			this.input.put(bytes, position, count);
			position += count;
			decode(false);
		}
	}

	void write(int b) throws IOException {
		this.input.put((byte) b);
		if (!this.input.hasRemaining()) {
			decode(false);
		}
	}

	/** Decodes what is left, passes everything on and finishes the window. */
	void finish() throws IOException {
		decode(true);
		CoderResult result;
		do {
			result = this.decoder.flush(this.output);
			emit();
		}
		while (result.isOverflow());
		this.decoder.reset();
		this.window.finish();
	}

	private void decode(boolean endOfInput) throws IOException {
		this.input.flip();
		CoderResult result;
		do {
			result = this.decoder.decode(this.input, this.output, endOfInput);
			emit();
		}
		while (result.isOverflow());
		this.input.compact();
	}

	private void emit() throws IOException {
		this.output.flip();
		this.window.append(this.output.array(), this.output.position(), this.output.remaining());
		this.output.clear();
	}

}
