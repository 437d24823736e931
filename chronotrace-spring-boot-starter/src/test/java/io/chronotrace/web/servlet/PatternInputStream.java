package io.chronotrace.web.servlet;

import java.io.InputStream;

/** A large body generated on the fly, the same bytes every time, never held in memory. */
final class PatternInputStream extends InputStream {

	private final long size;

	private long position;

	PatternInputStream(long size) {
		this.size = size;
	}

	static byte byteAt(long position) {
		return (byte) ((position * 31 + (position >>> 13)) % 251);
	}

	@Override
	public int read() {
		return (this.position < this.size) ? byteAt(this.position++) & 0xff : -1;
	}

	@Override
	public int read(byte[] b, int off, int len) {
		if (this.position >= this.size) {
			return -1;
		}
		int n = (int) Math.min(len, this.size - this.position);
		for (int i = 0; i < n; i++) {
			b[off + i] = byteAt(this.position++);
		}
		return n;
	}

}
