package io.chronotrace.core.storage.segment;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * The byte layout of segment and index files, version {@value #VERSION} (documented in
 * {@code docs/trace-format.md}). All numbers are big-endian.
 * <pre>
 * file   = header frame*
 * header = magic(4: "CTSG" or "CTIX") version(1) reserved(3) createdEpochMillis(8)
 * frame  = length(4) crc32c(4) body(length)        crc32c covers body
 * segment frame body = type(1) codec(1) rawLength(4) payload
 *   type 1, a block: payload is codec(records); record = kind(1) idMsb(8) idLsb(8) version(8) length(4) bytes
 *   type 2, an attachment: payload = idMsb(8) idLsb(8) version(8) nameLength(2) name codec(content)
 * index frame body = entry* (see {@link IndexCodec})
 * </pre>
 * A frame whose length runs past the end of the file or whose checksum does not hold is torn:
 * readers trust nothing from there on.
 */
public final class SegmentFormat {

	/** The format version written in every header. */
	public static final int VERSION = 1;

	/** The magic number of a segment file. */
	public static final int SEGMENT_MAGIC = 0x43545347; // CTSG

	/** The magic number of an index file. */
	public static final int INDEX_MAGIC = 0x43544958; // CTIX

	/** The size of a file header. */
	public static final int HEADER_SIZE = 16;

	/** The size of a frame's length and checksum. */
	public static final int FRAME_PREFIX = 8;

	/** The size of a segment frame body's type, codec and raw length. */
	public static final int BLOCK_HEADER = 6;

	/** The size of a record's kind, id, version and length inside a block. */
	public static final int RECORD_HEADER = 29;

	/** A frame that holds a block of records. */
	public static final byte TYPE_BLOCK = 1;

	/** A frame that holds one attachment, streamed. */
	public static final byte TYPE_ATTACHMENT = 2;

	/** Codec: stored as is. */
	public static final byte CODEC_NONE = 0;

	/** Codec: raw deflate (RFC 1951, no zlib or gzip wrapper). */
	public static final byte CODEC_DEFLATE = 1;

	/** Codec: one LZ4 block (the block format, no LZ4 frame around it). */
	public static final byte CODEC_LZ4 = 2;

	/** The largest frame a reader accepts, a guard against a garbled length. */
	public static final int MAX_FRAME = 256 * 1024 * 1024;

	/** The most bytes raw deflate makes of one byte (zlib's own bound: 1032 to 1). */
	static final int MAX_DEFLATE_RATIO = 1032;

	/** The most bytes an LZ4 block makes of one byte (a match length grows by 255 per byte). */
	static final int MAX_LZ4_RATIO = 256;

	private static final ThreadLocal<Deflater> DEFLATERS = ThreadLocal.withInitial(() -> new Deflater(1, true));

	private static final LZ4Factory LZ4 = lz4();

	private static final LZ4Compressor LZ4_COMPRESSOR = LZ4.fastCompressor();

	private static final LZ4SafeDecompressor LZ4_DECOMPRESSOR = LZ4.safeDecompressor();

	private SegmentFormat() {
	}

	/**
	 * The native LZ4 library when it loads, pure Java otherwise; both write and read the same
	 * bytes. {@code LZ4Factory.fastestInstance()} would pick pure Java in any class loader but the
	 * system one (a Spring Boot jar's), and it is three times slower on a small block.
	 */
	private static LZ4Factory lz4() {
		try {
			return LZ4Factory.nativeInstance();
		}
		catch (LinkageError | AssertionError | RuntimeException ex) {
			// no library for this platform (or no writable temporary directory to unpack it to), or
			// loaded already by another class loader (a restart); lz4-java wraps other failures
			// in an AssertionError
			return LZ4Factory.fastestJavaInstance();
		}
	}

	/**
	 * A file header.
	 * @param magic {@link #SEGMENT_MAGIC} or {@link #INDEX_MAGIC}
	 * @param createdMillis when the file was created
	 * @return the 16 bytes
	 */
	public static byte[] header(int magic, long createdMillis) {
		return ByteBuffer.allocate(HEADER_SIZE).putInt(magic).put((byte) VERSION).put(new byte[3])
			.putLong(createdMillis).array();
	}

	/**
	 * Checks a file header.
	 * @param header the first 16 bytes
	 * @param magic the expected magic number
	 * @throws IOException when it is not a file of this format and version
	 */
	public static void checkHeader(byte[] header, int magic) throws IOException {
		ByteBuffer buffer = ByteBuffer.wrap(header);
		if (header.length < HEADER_SIZE || buffer.getInt() != magic) {
			throw new IOException("not a ChronoTrace segment layout file");
		}
		int version = buffer.get();
		if (version != VERSION) {
			throw new IOException("segment format version " + version + " is not supported (this version reads "
					+ VERSION + ")");
		}
	}

	/**
	 * The CRC32C of a range.
	 * @param bytes the bytes
	 * @param offset the first byte
	 * @param length how many
	 * @return the checksum as an int
	 */
	public static int crc(byte[] bytes, int offset, int length) {
		CRC32C crc = new CRC32C();
		crc.update(bytes, offset, length);
		return (int) crc.getValue();
	}

	/**
	 * The body of a frame read whole: checks its length and checksum.
	 * @param frame the frame's bytes, prefix included
	 * @return the body
	 * @throws IOException when the frame is torn or garbled
	 */
	public static byte[] body(byte[] frame) throws IOException {
		ByteBuffer buffer = ByteBuffer.wrap(frame);
		int length = buffer.getInt();
		int crc = buffer.getInt();
		if (length != frame.length - FRAME_PREFIX || crc(frame, FRAME_PREFIX, length) != crc) {
			throw new IOException("the frame's length or checksum does not hold");
		}
		byte[] body = new byte[length];
		System.arraycopy(frame, FRAME_PREFIX, body, 0, length);
		return body;
	}

	/**
	 * Appends the frame of a block of records, compressing them straight into the buffer: no
	 * intermediate copy, as this runs for every block a writer fills.
	 * @param out where to append the frame
	 * @param raw the records
	 * @param length their length
	 * @param codec {@link #CODEC_NONE}, {@link #CODEC_DEFLATE} or {@link #CODEC_LZ4}
	 */
	static void appendBlockFrame(SegmentBuffer out, byte[] raw, int length, byte codec) {
		int frameStart = out.size();
		out.advance(FRAME_PREFIX);
		out.write(TYPE_BLOCK);
		out.write(codec);
		out.writeInt(length);
		if (codec == CODEC_NONE) {
			out.write(raw, 0, length);
		}
		else if (codec == CODEC_LZ4) {
			out.ensureRoom(LZ4_COMPRESSOR.maxCompressedLength(length));
			out.advance(LZ4_COMPRESSOR.compress(raw, 0, length, out.bytes(), out.size(), out.capacity() - out.size()));
		}
		else {
			Deflater deflater = DEFLATERS.get();
			deflater.reset();
			deflater.setInput(raw, 0, length);
			deflater.finish();
			while (!deflater.finished()) {
				out.ensureRoom(Math.max(4096, length / 4));
				int written = deflater.deflate(out.bytes(), out.size(), out.capacity() - out.size());
				out.advance(written);
			}
		}
		int bodyLength = out.size() - frameStart - FRAME_PREFIX;
		out.putInt(frameStart, bodyLength);
		out.putInt(frameStart + 4, crc(out.bytes(), frameStart + FRAME_PREFIX, bodyLength));
	}

	/**
	 * Decompresses the records of a block frame's body. The raw length the frame states is
	 * checked against what its codec can make of the stored bytes before anything is allocated:
	 * a crafted frame (its checksum holds, since anyone who can write the file can compute one)
	 * is an error, never an {@link OutOfMemoryError}.
	 * @param body the frame body, checksum already verified
	 * @return the records
	 * @throws IOException when the body is not a block or cannot be decompressed
	 */
	public static byte[] blockRecords(byte[] body) throws IOException {
		if (body.length < BLOCK_HEADER) {
			throw new IOException("the frame is too short to hold a block");
		}
		ByteBuffer buffer = ByteBuffer.wrap(body);
		byte type = buffer.get();
		byte codec = buffer.get();
		int rawLength = buffer.getInt();
		if (type != TYPE_BLOCK) {
			throw new IOException("frame type " + type + " is not a block of records");
		}
		int stored = body.length - BLOCK_HEADER;
		if (rawLength < 0 || rawLength > MAX_FRAME) {
			throw new IOException("the block's raw length " + rawLength + " is out of range");
		}
		if (codec == CODEC_NONE) {
			if (rawLength != stored) {
				throw new IOException("the block's raw length " + rawLength + " is not its " + stored + " stored bytes");
			}
			return Arrays.copyOfRange(body, BLOCK_HEADER, body.length);
		}
		if (codec == CODEC_LZ4) {
			checkRatio(rawLength, stored, MAX_LZ4_RATIO);
			return lz4Records(body, rawLength);
		}
		if (codec != CODEC_DEFLATE) {
			throw new IOException("unknown codec " + codec);
		}
		checkRatio(rawLength, stored, MAX_DEFLATE_RATIO);
		return deflateRecords(body, rawLength);
	}

	private static void checkRatio(int rawLength, int stored, int maxRatio) throws IOException {
		if (rawLength > (long) stored * maxRatio + 64) {
			throw new IOException("the block's raw length " + rawLength + " is more than its " + stored
					+ " stored bytes can decompress to");
		}
	}

	/**
	 * Inflates into an array that grows with what comes out, so that a frame that states more
	 * than it holds costs no more memory than what it really inflates to.
	 */
	private static byte[] deflateRecords(byte[] body, int rawLength) throws IOException {
		Inflater inflater = new Inflater(true);
		try {
			inflater.setInput(body, BLOCK_HEADER, body.length - BLOCK_HEADER);
			byte[] raw = new byte[(int) Math.min(rawLength, Math.max(64 * 1024, 4L * (body.length - BLOCK_HEADER)))];
			int n = 0;
			while (n < rawLength && !inflater.finished()) {
				if (n == raw.length) {
					raw = Arrays.copyOf(raw, (int) Math.min(rawLength, 2L * raw.length));
				}
				int read = inflater.inflate(raw, n, raw.length - n);
				if (read == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
					break;
				}
				n += read;
			}
			if (n != rawLength) {
				throw new IOException("the block decompresses to " + n + " bytes, not " + rawLength);
			}
			return raw;
		}
		catch (DataFormatException ex) {
			throw new IOException("the block cannot be decompressed: " + ex.getMessage(), ex);
		}
		finally {
			inflater.end();
		}
	}

	private static byte[] lz4Records(byte[] body, int rawLength) throws IOException {
		byte[] raw = new byte[rawLength];
		try {
			int n = LZ4_DECOMPRESSOR.decompress(body, BLOCK_HEADER, body.length - BLOCK_HEADER, raw, 0, rawLength);
			if (n != rawLength) {
				throw new IOException("the block decompresses to " + n + " bytes, not " + rawLength);
			}
			return raw;
		}
		catch (LZ4Exception ex) {
			throw new IOException("the block cannot be decompressed: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Reads one record: one read of its frame, the checksum verified, the block decompressed
	 * and the record cut out. Works on any {@link ByteSource}, a local file or ranged reads of an
	 * uploaded segment.
	 * @param source the segment's bytes
	 * @param location where the record is, as the index gives it
	 * @return the record's bytes (a trace's JSON)
	 * @throws IOException when it cannot be read or does not hold
	 */
	public static byte[] readRecord(ByteSource source, RecordLocation location) throws IOException {
		// the location comes from an index file: checked before its length sizes a read
		if (location.frameOffset() < HEADER_SIZE || location.frameLength() < FRAME_PREFIX + BLOCK_HEADER
				|| location.frameLength() > FRAME_PREFIX + MAX_FRAME) {
			throw new IOException("the index points at a frame of " + location.frameLength() + " bytes at offset "
					+ location.frameOffset() + ", which no segment holds");
		}
		byte[] records = blockRecords(body(source.read(location.frameOffset(), location.frameLength())));
		int offset = location.recordOffset();
		if (offset < 0 || location.recordLength() < 0 || (long) offset + location.recordLength() > records.length) {
			throw new IOException("the record lies outside its block");
		}
		byte[] record = new byte[location.recordLength()];
		System.arraycopy(records, offset, record, 0, record.length);
		return record;
	}

	/**
	 * Where a record is in a segment.
	 *
	 * @param frameOffset the offset of its frame in the segment file
	 * @param frameLength the frame's length, prefix included
	 * @param recordOffset the offset of the record's bytes in the decompressed block
	 * @param recordLength their length
	 */
	public record RecordLocation(long frameOffset, int frameLength, int recordOffset, int recordLength) {
	}

}
