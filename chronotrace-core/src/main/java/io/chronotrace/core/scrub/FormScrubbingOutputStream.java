package io.chronotrace.core.scrub;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Scrubs a URL-encoded form ({@code name=value&...}) as it is written: the value of a field
 * whose decoded name matches a key becomes {@code [SCRUBBED]} and is never kept; other values
 * are decoded and scrubbed with the value patterns. A value without matches is written as it
 * came; a scrubbed one is written URL-encoded again. Also used for query strings.
 */
final class FormScrubbingOutputStream extends ScrubbingOutputStream {

	/** Values up to this size are kept as they came when nothing in them matches. */
	private static final int VALUE_BUFFER = 8 * 1024;

	/** Longer names are not judged: the field is scrubbed whole. */
	private static final int MAX_NAME = 4 * 1024;

	private static final byte[] MARKER = ScrubRules.MARKER.getBytes(StandardCharsets.US_ASCII);

	private enum State {

		NAME, VALUE, STREAMED_VALUE, SECRET_VALUE

	}

	private final ScrubRules rules;

	private final Charset charset;

	private final OutputStream out;

	private final CharDecoder valueDecoder;

	private State state = State.NAME;

	private byte[] buffer = new byte[256];

	private int length;

	/** Percent-escape being decoded in a streamed value: -1 none, else the digits read so far. */
	private int escapeDigits = -1;

	private int escapeValue;

	FormScrubbingOutputStream(OutputStream target, Charset charset, ScrubRules rules) {
		this.rules = rules;
		this.charset = charset;
		this.out = new BufferedOutputStream(target, 4096);
		this.valueDecoder = new CharDecoder(charset, new ScrubbingWindow(rules.valueMatcher(),
				(chars, offset, count) -> FormCodec.encode(chars, offset, count, charset, this.out)));
	}

	@Override
	public void write(byte[] bytes, int offset, int length) throws IOException {
		for (int i = offset, end = offset + length; i < end; i++) {
			write(bytes[i]);
		}
	}

	@Override
	public void write(int b) throws IOException {
		if (b == '&') {
			endField();
			this.out.write(b);
			return;
		}
		switch (this.state) {
			case NAME -> {
				if (b == '=') {
					endName();
				}
				else if (this.length < MAX_NAME) {
					keep(b);
				}
				else {
					this.out.write(MARKER);
					this.length = 0;
					this.state = State.SECRET_VALUE;
				}
			}
			case VALUE -> {
				keep(b);
				if (this.length > VALUE_BUFFER) {
					this.state = State.STREAMED_VALUE;
					for (int i = 0; i < this.length; i++) {
						decodeStreamed(this.buffer[i]);
					}
					this.length = 0;
				}
			}
			case STREAMED_VALUE -> decodeStreamed(b);
			case SECRET_VALUE -> {
			}
		}
	}

	private void keep(int b) {
		if (this.length == this.buffer.length) {
			this.buffer = Arrays.copyOf(this.buffer, this.buffer.length * 2);
		}
		this.buffer[this.length++] = (byte) b;
	}

	private void endName() throws IOException {
		String name = FormCodec.decode(this.buffer, this.length, this.charset);
		ScrubRules.Name judged = this.rules.name(name);
		write(name, judged.scrubbed());
		this.out.write('=');
		this.length = 0;
		if (judged.secret()) {
			this.out.write(MARKER);
			this.state = State.SECRET_VALUE;
		}
		else {
			this.state = State.VALUE;
		}
	}

	/** Writes what was buffered (a name or a value) as it came, or encoded again if scrubbed. */
	private void writeScrubbed(String decoded) throws IOException {
		write(decoded, this.rules.scrubValue(decoded));
	}

	private void write(String decoded, String scrubbed) throws IOException {
		if (scrubbed == decoded) {
			this.out.write(this.buffer, 0, this.length);
		}
		else {
			FormCodec.encode(scrubbed.toCharArray(), 0, scrubbed.length(), this.charset, this.out);
		}
	}

	private void endField() throws IOException {
		switch (this.state) {
			case NAME -> {
				if (this.length > 0) {
					writeScrubbed(FormCodec.decode(this.buffer, this.length, this.charset));
				}
			}
			case VALUE -> writeScrubbed(FormCodec.decode(this.buffer, this.length, this.charset));
			case STREAMED_VALUE -> {
				endEscape();
				this.valueDecoder.finish();
			}
			case SECRET_VALUE -> {
			}
		}
		this.length = 0;
		this.state = State.NAME;
	}

	private void decodeStreamed(int b) throws IOException {
		if (this.escapeDigits >= 0) {
			int digit = FormCodec.hex(b);
			if (digit >= 0) {
				this.escapeValue = (this.escapeValue << 4) | digit;
				if (++this.escapeDigits == 2) {
					this.valueDecoder.write(this.escapeValue);
					this.escapeDigits = -1;
				}
				return;
			}
			endEscape();
		}
		if (b == '%') {
			this.escapeDigits = 0;
			this.escapeValue = 0;
		}
		else {
			this.valueDecoder.write((b == '+') ? ' ' : b);
		}
	}

	/** Writes an escape cut short ({@code %} and maybe one digit) as it was. */
	private void endEscape() throws IOException {
		if (this.escapeDigits >= 0) {
			this.valueDecoder.write('%');
			if (this.escapeDigits == 1) {
				this.valueDecoder.write(FormCodec.HEX[this.escapeValue]);
			}
			this.escapeDigits = -1;
		}
	}

	@Override
	void finish() throws IOException {
		endField();
	}

	@Override
	void closeTarget() throws IOException {
		this.out.close();
	}

}
