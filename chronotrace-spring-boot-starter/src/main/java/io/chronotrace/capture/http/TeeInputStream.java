package io.chronotrace.capture.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A stream that copies the bytes the application reads into a {@link BodyTee}. */
final class TeeInputStream extends FilterInputStream {

	private final BodyTee tee;

	TeeInputStream(InputStream in, BodyTee tee) {
		super(in);
		this.tee = tee;
	}

	@Override
	public int read() throws IOException {
		int b = super.read();
		if (b >= 0) {
			this.tee.write(b);
		}
		else {
			this.tee.complete();
		}
		return b;
	}

	@Override
	public int read(byte[] bytes, int offset, int length) throws IOException {
		int read = this.in.read(bytes, offset, length);
		if (read > 0) {
			this.tee.write(bytes, offset, read);
		}
		else if (read < 0) {
			this.tee.complete();
		}
		return read;
	}

	@Override
	public long skip(long n) throws IOException {
		// skipped bytes are not seen: read them instead so the copy stays in step
		byte[] buffer = new byte[(int) Math.min(Math.max(n, 0), 8192)];
		int read = read(buffer, 0, buffer.length);
		return Math.max(read, 0);
	}

	@Override
	public boolean markSupported() {
		return false;
	}

	@Override
	public synchronized void mark(int readLimit) {
	}

	@Override
	public synchronized void reset() throws IOException {
		throw new IOException("mark/reset not supported");
	}

}
