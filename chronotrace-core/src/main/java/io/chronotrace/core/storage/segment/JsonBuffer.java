package io.chronotrace.core.storage.segment;

import java.io.ByteArrayOutputStream;

/**
 * A byte buffer whose content is read in place, without the copy of {@link #toByteArray()}:
 * a writer serializes each trace into one and the block copies the bytes once.
 */
final class JsonBuffer extends ByteArrayOutputStream {

	/** The most capacity a lane keeps between traces; a larger buffer is dropped after use. */
	static final int KEPT_CAPACITY = 256 * 1024;

	JsonBuffer() {
		super(8 * 1024);
	}

	/** The buffer; its first {@link #size()} bytes are the content. */
	byte[] bytes() {
		return this.buf;
	}

	int capacity() {
		return this.buf.length;
	}

}
