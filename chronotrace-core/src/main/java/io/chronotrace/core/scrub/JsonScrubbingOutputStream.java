package io.chronotrace.core.scrub;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Scrubs a UTF-8 JSON body as it is written, reading it once, byte by byte, as the chunks arrive
 * ({@link JsonScanner}): the body is passed on as it came, formatting included, except that the
 * value of a property whose name matches a key (a scalar, or a whole object or array) becomes
 * the string {@code "[SCRUBBED]"}, at any depth, and matches of the value patterns in strings,
 * property names and long integers become {@code [SCRUBBED]}.
 * <p>
 * On malformed JSON, what was validated stays, the marker follows it and the rest is dropped:
 * nothing that was not scanned is ever passed on. A body cut short (by the capture limit) ends
 * where its last complete token did.
 */
final class JsonScrubbingOutputStream extends ScrubbingOutputStream {

	private final CopyThrough out;

	private final JsonScanner scanner;

	private final byte[] single = new byte[1];

	JsonScrubbingOutputStream(OutputStream target, ScrubRules rules) {
		this.out = new CopyThrough(target);
		this.scanner = new JsonScanner(this.out, rules);
	}

	@Override
	public void write(int b) throws IOException {
		this.single[0] = (byte) b;
		write(this.single, 0, 1);
	}

	@Override
	public void write(byte[] bytes, int offset, int length) throws IOException {
		Objects.checkFromIndexSize(offset, length, bytes.length);
		if (isClosed()) {
			throw new IOException("Stream closed");
		}
		this.scanner.write(bytes, offset, offset + length);
	}

	@Override
	public void flush() throws IOException {
		if (!isClosed()) {
			this.out.flush();
		}
	}

	@Override
	void finish() throws IOException {
		this.scanner.finish();
	}

	@Override
	void closeTarget() throws IOException {
		this.out.close();
	}

}
