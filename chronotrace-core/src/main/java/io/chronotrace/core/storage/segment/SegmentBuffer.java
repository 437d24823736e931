package io.chronotrace.core.storage.segment;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * A byte buffer whose content is read and filled in place, without the copies of
 * {@link #toByteArray()}: a writer lane keeps one for each trace's JSON, one for the block being
 * filled and one for the frames of a batch, and reuses them batch after batch.
 */
final class SegmentBuffer extends ByteArrayOutputStream {

	/** The most capacity a lane keeps between batches; a larger buffer is dropped after use. */
	static final int KEPT_CAPACITY = 256 * 1024;

	SegmentBuffer() {
		super(8 * 1024);
	}

	/** The buffer; its first {@link #size()} bytes are the content. */
	byte[] bytes() {
		return this.buf;
	}

	int capacity() {
		return this.buf.length;
	}

	/**
	 * Makes room for bytes to be written into {@link #bytes()} from {@link #size()} on.
	 * @param length how many
	 */
	void ensureRoom(int length) {
		if (this.count + length > this.buf.length) {
			this.buf = Arrays.copyOf(this.buf, Math.max(this.buf.length * 2, this.count + length));
		}
	}

	/**
	 * Counts bytes written into {@link #bytes()} directly (after {@link #ensureRoom}), or skips
	 * room to fill in later.
	 * @param length how many
	 */
	void advance(int length) {
		ensureRoom(length);
		this.count += length;
	}

	/** Writes an int, big-endian, at an index below {@link #size()}. */
	void putInt(int index, int value) {
		this.buf[index] = (byte) (value >>> 24);
		this.buf[index + 1] = (byte) (value >>> 16);
		this.buf[index + 2] = (byte) (value >>> 8);
		this.buf[index + 3] = (byte) value;
	}

	/** Appends an int, big-endian. */
	void writeInt(int value) {
		advance(4);
		putInt(this.count - 4, value);
	}

	/** Appends a long, big-endian. */
	void writeLong(long value) {
		writeInt((int) (value >>> 32));
		writeInt((int) value);
	}

}
