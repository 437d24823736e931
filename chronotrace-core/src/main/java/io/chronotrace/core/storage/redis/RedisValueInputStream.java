package io.chronotrace.core.storage.redis;

import java.io.IOException;
import java.io.InputStream;

import io.chronotrace.core.storage.TraceStorageException;
import io.lettuce.core.api.async.RedisStringAsyncCommands;

/**
 * Reads a string value a range at a time ({@code GETRANGE}), so that an attachment is never
 * held whole in memory. A value that disappears while it is read (it expired, or was deleted)
 * ends the stream early.
 */
final class RedisValueInputStream extends InputStream {

	static final int CHUNK = 1024 * 1024;

	private final RedisStringAsyncCommands<byte[], byte[]> redis;

	private final RedisCalls calls;

	private final byte[] key;

	private final long length;

	private long position;

	private byte[] chunk = new byte[0];

	private int offset;

	RedisValueInputStream(RedisStringAsyncCommands<byte[], byte[]> redis, RedisCalls calls, byte[] key, long start,
			long length) {
		this.redis = redis;
		this.calls = calls;
		this.key = key;
		this.position = start;
		this.length = length;
	}

	@Override
	public int read() throws IOException {
		byte[] one = new byte[1];
		return (read(one, 0, 1) == 1) ? (one[0] & 0xff) : -1;
	}

	@Override
	public int read(byte[] b, int off, int len) throws IOException {
		if (len == 0) {
			return 0;
		}
		if (this.offset == this.chunk.length && !fill()) {
			return -1;
		}
		int count = Math.min(len, this.chunk.length - this.offset);
		System.arraycopy(this.chunk, this.offset, b, off, count);
		this.offset += count;
		return count;
	}

	private boolean fill() throws IOException {
		if (this.position >= this.length) {
			return false;
		}
		long end = Math.min(this.length, this.position + CHUNK) - 1;
		byte[] next;
		try {
			next = this.calls.await(this.redis.getrange(this.key, this.position, end), "read an attachment");
		}
		catch (TraceStorageException ex) {
			throw new IOException(ex.getMessage(), ex);
		}
		if (next == null || next.length == 0) {
			return false;
		}
		this.chunk = next;
		this.offset = 0;
		this.position += next.length;
		return true;
	}

}
