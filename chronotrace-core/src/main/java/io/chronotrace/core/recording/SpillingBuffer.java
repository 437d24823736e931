package io.chronotrace.core.recording;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * Holds bytes in memory up to a threshold; once more arrive, moves them to a temporary file and
 * writes the rest there, so that memory never holds more than the threshold.
 */
final class SpillingBuffer extends OutputStream {

	private static final int INITIAL_CAPACITY = 256;

	private final int threshold;

	private final Path directory;

	private byte @Nullable [] memory = new byte[0];

	private int count;

	private @Nullable Path file;

	private @Nullable OutputStream fileOut;

	private long fileSize;

	/**
	 * Creates a buffer sized for what is expected, so that a body that comes in one write (as
	 * most do) is copied once instead of into ever larger arrays.
	 * @param threshold the most bytes held in memory
	 * @param directory where a larger body is written
	 * @param expected how many bytes are expected, or 0 when unknown
	 */
	SpillingBuffer(long threshold, Path directory, int expected) {
		this.threshold = (int) Math.min(threshold, CaptureSettings.MAX_MEMORY_THRESHOLD);
		this.directory = directory;
		if (expected > 0 && expected <= this.threshold) {
			// more than the threshold goes straight to a file
			this.memory = new byte[Math.min(this.threshold, Math.max(INITIAL_CAPACITY, expected))];
		}
	}

	@Override
	public void write(int b) throws IOException {
		write(new byte[] { (byte) b }, 0, 1);
	}

	@Override
	public void write(byte[] b, int off, int len) throws IOException {
		if (len == 0) {
			return;
		}
		if (this.fileOut == null && (long) this.count + len > this.threshold) {
			spill();
		}
		if (this.fileOut != null) {
			this.fileOut.write(b, off, len);
			this.fileSize += len;
			return;
		}
		byte[] buffer = ensureCapacity(this.count + len);
		System.arraycopy(b, off, buffer, this.count, len);
		this.count += len;
	}

	private byte[] ensureCapacity(int needed) {
		byte[] buffer = this.memory;
		if (buffer == null) {
			throw new IllegalStateException("Buffer already spilled");
		}
		if (needed > buffer.length) {
			int grown = (int) Math.min(this.threshold, Math.max(needed, Math.max(INITIAL_CAPACITY, 2L * buffer.length)));
			buffer = Arrays.copyOf(buffer, grown);
			this.memory = buffer;
		}
		return buffer;
	}

	private void spill() throws IOException {
		Files.createDirectories(this.directory);
		Path spilled = Files.createTempFile(this.directory, "body-", ".tmp");
		this.file = spilled;
		OutputStream out = new BufferedOutputStream(Files.newOutputStream(spilled), 8192);
		this.fileOut = out;
		out.write(this.memory, 0, this.count);
		this.fileSize = this.count;
		this.memory = null;
		this.count = 0;
	}

	@Override
	public void flush() throws IOException {
		if (this.fileOut != null) {
			this.fileOut.flush();
		}
	}

	/** Closes the spill file, if any; what was written stays readable. */
	@Override
	public void close() throws IOException {
		OutputStream out = this.fileOut;
		if (out != null) {
			out.close();
		}
	}

	/**
	 * Whether the bytes went to a file.
	 * @return whether the threshold was exceeded
	 */
	boolean isSpilled() {
		return this.file != null;
	}

	/**
	 * The bytes held in memory.
	 * @return a copy of them; empty when spilled
	 */
	byte[] toByteArray() {
		byte[] buffer = this.memory;
		return (buffer != null) ? Arrays.copyOf(buffer, this.count) : new byte[0];
	}

	/**
	 * The bytes held in memory, decoded: without the copy of {@link #toByteArray()}.
	 * @param charset their charset
	 * @return the text; empty when spilled
	 */
	String decode(Charset charset) {
		byte[] buffer = this.memory;
		return (buffer != null) ? new String(buffer, 0, this.count, charset) : "";
	}

	/**
	 * The spill file.
	 * @return the file, or {@code null} while the bytes are in memory
	 */
	@Nullable Path file() {
		return this.file;
	}

	/**
	 * How many bytes were written.
	 * @return the size
	 */
	long size() {
		return (this.file != null) ? this.fileSize : this.count;
	}

	/** Drops the bytes and deletes the spill file, if any. */
	void delete() {
		this.memory = null;
		this.count = 0;
		Path spilled = this.file;
		if (spilled != null) {
			try {
				close();
			}
			catch (IOException ex) {
				// the file is deleted below anyway
			}
			try {
				Files.deleteIfExists(spilled);
			}
			catch (IOException ex) {
				spilled.toFile().deleteOnExit();
			}
		}
	}

}
