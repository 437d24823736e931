package io.chronotrace.core.storage.segment;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where the bytes of a segment are read from: a local file, or (for object storage) ranged
 * reads of an uploaded segment. Reading one trace needs one read of its frame.
 */
@FunctionalInterface
public interface ByteSource {

	/**
	 * Reads a range.
	 * @param offset the first byte
	 * @param length how many bytes
	 * @return exactly {@code length} bytes
	 * @throws IOException when they cannot be read, or the source ends before
	 */
	byte[] read(long offset, int length) throws IOException;

	/**
	 * A local file, opened for each read.
	 * @param file the file
	 * @return the source
	 */
	static ByteSource of(Path file) {
		return (offset, length) -> {
			try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
				return read(channel, offset, length);
			}
		};
	}

	/**
	 * Reads a range of an open channel with positional reads.
	 * @param channel the channel
	 * @param offset the first byte
	 * @param length how many bytes
	 * @return the bytes
	 * @throws IOException when the channel ends before (checked before anything is allocated)
	 */
	static byte[] read(FileChannel channel, long offset, int length) throws IOException {
		// the range may come from an index: the file's size bounds what is allocated for it
		if (offset < 0 || length < 0 || offset + length > channel.size()) {
			throw new java.io.EOFException("the segment ends at " + channel.size() + ", before " + (offset + length));
		}
		ByteBuffer buffer = ByteBuffer.allocate(length);
		while (buffer.hasRemaining()) {
			int n = channel.read(buffer, offset + buffer.position());
			if (n < 0) {
				throw new java.io.EOFException("the segment ends at " + (offset + buffer.position()) + ", before "
						+ (offset + length));
			}
		}
		return buffer.array();
	}

}
