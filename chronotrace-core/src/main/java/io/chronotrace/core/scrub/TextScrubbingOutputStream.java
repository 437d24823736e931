package io.chronotrace.core.scrub;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;

/**
 * Scrubs a text body as it is written: bytes are decoded with the body's charset, scrubbed
 * chunk by chunk ({@link ScrubbingWindow}) with the value patterns and {@code name=value}
 * secrets, and encoded back in the same charset.
 */
final class TextScrubbingOutputStream extends ScrubbingOutputStream {

	private final CharDecoder decoder;

	private final Writer writer;

	TextScrubbingOutputStream(OutputStream target, Charset charset, TextMatcher matcher) {
		this.writer = new OutputStreamWriter(target, charset.newEncoder()
			.onMalformedInput(CodingErrorAction.REPLACE)
			.onUnmappableCharacter(CodingErrorAction.REPLACE));
		this.decoder = new CharDecoder(charset, new ScrubbingWindow(matcher, this.writer::write));
	}

	@Override
	public void write(int b) throws IOException {
		this.decoder.write(b);
	}

	@Override
	public void write(byte[] bytes, int offset, int length) throws IOException {
		this.decoder.write(bytes, offset, length);
	}

	@Override
	void finish() throws IOException {
		this.decoder.finish();
	}

	@Override
	void closeTarget() throws IOException {
		this.writer.close();
	}

}
