package io.chronotrace.core.scrub;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a scrubbed body that is mostly its input copied as it came: the bytes of the chunk being
 * scanned are passed on in spans, from where the last span ended to where the scanner has
 * validated them, and only what is scrubbed is written in their place.
 */
final class CopyThrough {

	private static final byte[] NOTHING = new byte[0];

	private final OutputStream target;

	private byte[] input = NOTHING;

	/** Where the bytes of the input not yet passed on, nor dropped, start. */
	private int pending;

	CopyThrough(OutputStream target) {
		this.target = target;
	}

	/** Starts on a chunk of input; none of its bytes is passed on until told. */
	void start(byte[] input, int from) {
		this.input = input;
		this.pending = from;
	}

	/** Lets go of the chunk, whose array the writer may reuse. */
	void end() {
		this.input = NOTHING;
	}

	/** Passes on the input up to {@code end}. */
	void copyTo(int end) throws IOException {
		if (end > this.pending) {
			this.target.write(this.input, this.pending, end - this.pending);
			this.pending = end;
		}
	}

	/** Passes on nothing of the input up to {@code end}. */
	void dropTo(int end) {
		this.pending = Math.max(this.pending, end);
	}

	/** Passes on the input up to {@code from}, then {@code bytes} instead of the input up to {@code to}. */
	void replace(int from, int to, byte[] bytes) throws IOException {
		replace(from, to, bytes, 0, bytes.length);
	}

	void replace(int from, int to, byte[] bytes, int offset, int length) throws IOException {
		copyTo(from);
		this.target.write(bytes, offset, length);
		this.pending = to;
	}

	/**
	 * Writes bytes that are not in the input, such as a scrubbed token held since an earlier
	 * chunk; the input before them must have been passed on or dropped.
	 */
	void write(byte[] bytes, int offset, int length) throws IOException {
		this.target.write(bytes, offset, length);
	}

	void write(byte[] bytes) throws IOException {
		this.target.write(bytes);
	}

	void flush() throws IOException {
		this.target.flush();
	}

	void close() throws IOException {
		this.target.close();
	}

}
