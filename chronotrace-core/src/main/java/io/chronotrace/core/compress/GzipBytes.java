package io.chronotrace.core.compress;

import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Gzip of a byte array with a {@link Deflater} reused per thread and level. A deflater holds
 * about 256 KB of native memory, so only the few threads that write traces keep one.
 */
final class GzipBytes {

	private static final byte[] HEADER = { 0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, (byte) 0xff };

	private static final ThreadLocal<Deflater[]> DEFLATERS = ThreadLocal.withInitial(() -> new Deflater[10]);

	private GzipBytes() {
	}

	static byte[] compress(byte[] content, int level) {
		Deflater deflater = deflater(level);
		deflater.setInput(content);
		deflater.finish();
		byte[] out = new byte[Math.max(64, content.length / 3 + HEADER.length + 8)];
		System.arraycopy(HEADER, 0, out, 0, HEADER.length);
		int length = HEADER.length;
		while (!deflater.finished()) {
			if (length == out.length) {
				out = Arrays.copyOf(out, out.length * 2);
			}
			length += deflater.deflate(out, length, out.length - length);
		}
		deflater.reset();
		CRC32 crc = new CRC32();
		crc.update(content);
		if (out.length < length + 8) {
			out = Arrays.copyOf(out, length + 8);
		}
		writeIntLittleEndian(out, length, (int) crc.getValue());
		writeIntLittleEndian(out, length + 4, content.length);
		return (out.length == length + 8) ? out : Arrays.copyOf(out, length + 8);
	}

	private static Deflater deflater(int level) {
		Deflater[] deflaters = DEFLATERS.get();
		Deflater deflater = deflaters[level];
		if (deflater == null) {
			deflater = new Deflater(level, true);
			deflaters[level] = deflater;
		}
		return deflater;
	}

	private static void writeIntLittleEndian(byte[] out, int offset, int value) {
		out[offset] = (byte) value;
		out[offset + 1] = (byte) (value >>> 8);
		out[offset + 2] = (byte) (value >>> 16);
		out[offset + 3] = (byte) (value >>> 24);
	}

}
