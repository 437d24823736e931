package io.chronotrace.core.support;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads at most a number of bytes of another stream, then reports the end: one record or
 * attachment out of a larger file or object. Closing it closes the stream it reads.
 */
public final class BoundedInputStream extends FilterInputStream {

	private long remaining;

	/**
	 * Bounds a stream.
	 * @param in the stream, closed when this one is
	 * @param length the most bytes to read from it
	 */
	public BoundedInputStream(InputStream in, long length) {
		super(in);
		this.remaining = length;
	}

	@Override
	public int read() throws IOException {
		if (this.remaining <= 0) {
			return -1;
		}
		int read = this.in.read();
		if (read >= 0) {
			this.remaining--;
		}
		return read;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		if (this.remaining <= 0) {
			return -1;
		}
		int read = this.in.read(buffer, offset, (int) Math.min(length, this.remaining));
		if (read > 0) {
			this.remaining -= read;
		}
		return read;
	}

	@Override
	public long skip(long n) throws IOException {
		long skipped = this.in.skip(Math.min(n, this.remaining));
		this.remaining -= skipped;
		return skipped;
	}

	@Override
	public int available() throws IOException {
		return (int) Math.min(this.in.available(), this.remaining);
	}

	@Override
	public boolean markSupported() {
		return false;
	}

}
