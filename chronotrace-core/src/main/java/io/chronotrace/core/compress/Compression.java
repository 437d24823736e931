package io.chronotrace.core.compress;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The compression settings of the storage guide: gzip on or off, its level, and the size above
 * which a body is kept out of {@code trace.json} as an attachment file.
 *
 * @param enabled whether traces and attachments are gzip-compressed
 * @param level the gzip level, 1 (fastest) to 9 (smallest)
 * @param maxPayloadSize the largest body, in bytes, kept inside {@code trace.json}; larger bodies
 * become attachments and are never held whole in memory
 */
public record Compression(boolean enabled, int level, long maxPayloadSize) {

	/** The guide's defaults: gzip level 6, 1 MB payloads. */
	public static final Compression DEFAULT = new Compression(true, 6, 1024 * 1024);

	/** No compression, 1 MB payloads. */
	public static final Compression NONE = new Compression(false, 6, 1024 * 1024);

	public Compression {
		if (level < 1 || level > 9) {
			throw new IllegalArgumentException("compression level must be between 1 and 9, was " + level);
		}
		if (maxPayloadSize < 1) {
			throw new IllegalArgumentException("max payload size must be positive, was " + maxPayloadSize);
		}
	}

	/**
	 * Wraps a stream so that what is written to it is compressed when compression is on.
	 * Closing the returned stream finishes the gzip trailer and closes {@code out}.
	 * @param out the target
	 * @return the stream to write to
	 * @throws IOException when the gzip header cannot be written
	 */
	public OutputStream compress(OutputStream out) throws IOException {
		if (!this.enabled) {
			return out;
		}
		return new GZIPOutputStream(out, 8192) {
			{
				this.def.setLevel(Compression.this.level);
			}
		};
	}

	/**
	 * Compresses a small document (a trace, a summary) in one call when compression is on,
	 * with a deflater kept per thread: creating a deflater per document costs more than
	 * compressing a typical trace.
	 * @param content the bytes
	 * @return gzip bytes, or {@code content} itself when compression is off
	 */
	public byte[] compress(byte[] content) {
		if (!this.enabled) {
			return content;
		}
		return GzipBytes.compress(content, this.level);
	}

	/**
	 * Wraps a stream so that it reads decompressed content, whether or not it is gzip: the
	 * gzip magic number decides, not the settings, so traces written with either setting stay
	 * readable.
	 * @param in the stored content
	 * @return the decompressed content
	 * @throws IOException when the stream fails
	 */
	public static InputStream decompress(InputStream in) throws IOException {
		InputStream buffered = in.markSupported() ? in : new BufferedInputStream(in, 8192);
		buffered.mark(2);
		int first = buffered.read();
		int second = buffered.read();
		buffered.reset();
		if (first == 0x1f && second == 0x8b) {
			return new GZIPInputStream(buffered, 8192);
		}
		return buffered;
	}

}
