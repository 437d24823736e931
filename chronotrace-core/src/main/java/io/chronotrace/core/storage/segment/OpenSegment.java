package io.chronotrace.core.storage.segment;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A segment and its index being appended to by one writer at a time ({@code {base}.open.seg}
 * and {@code {base}.open.idx}); sealing forces both to disk and renames them to
 * {@code {base}.seg} and {@code {base}.idx}, after which they never change.
 * <p>
 * Only the ids written so far stay in memory (a primitive set, for the writer's duplicate
 * check). The index entries are read back from the index file when a listing or look-up needs
 * them, and kept until the next write: held as objects, every stored trace's entry would live
 * until the seal, and the young collector would copy it again and again on a busy service.
 */
final class OpenSegment {

	final LocalDate day;

	final String base;

	final Path dayFolder;

	private final FileChannel segment;

	private final FileChannel index;

	private long segmentSize;

	private long indexSize;

	final long createdNanos;

	private long lastWriteNanos;

	private long lastSyncNanos;

	private boolean unsynced;

	private int entryCount;

	/** The first 64 bits of the smallest and greatest id written (unsigned), as {@link IndexTable} has them. */
	private long firstIdMsb = -1L;

	private long lastIdMsb;

	private final IdSet traceIds = new IdSet();

	private @Nullable IndexTable table;

	private OpenSegment(LocalDate day, String base, Path dayFolder, FileChannel segment, FileChannel index) {
		this.day = day;
		this.base = base;
		this.dayFolder = dayFolder;
		this.segment = segment;
		this.index = index;
		this.segmentSize = SegmentFormat.HEADER_SIZE;
		this.indexSize = SegmentFormat.HEADER_SIZE;
		this.createdNanos = System.nanoTime();
		this.lastWriteNanos = this.createdNanos;
		this.lastSyncNanos = this.createdNanos;
	}

	static OpenSegment create(Path dayFolder, LocalDate day, String base, long createdMillis) throws IOException {
		Files.createDirectories(dayFolder);
		FileChannel segment = FileChannel.open(dayFolder.resolve(base + SegmentFiles.OPEN_SEGMENT),
				StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.READ);
		FileChannel index = null;
		try {
			index = FileChannel.open(dayFolder.resolve(base + SegmentFiles.OPEN_INDEX), StandardOpenOption.CREATE_NEW,
					StandardOpenOption.WRITE, StandardOpenOption.READ);
			writeFully(segment, SegmentFormat.header(SegmentFormat.SEGMENT_MAGIC, createdMillis), 0);
			writeFully(index, SegmentFormat.header(SegmentFormat.INDEX_MAGIC, createdMillis), 0);
			return new OpenSegment(day, base, dayFolder, segment, index);
		}
		catch (IOException ex) {
			segment.close();
			if (index != null) {
				index.close();
			}
			Files.deleteIfExists(dayFolder.resolve(base + SegmentFiles.OPEN_SEGMENT));
			Files.deleteIfExists(dayFolder.resolve(base + SegmentFiles.OPEN_INDEX));
			throw ex;
		}
	}

	long segmentSize() {
		return this.segmentSize;
	}

	FileChannel segmentChannel() {
		return this.segment;
	}

	/**
	 * Appends the first bytes of a buffer to the segment with one positional write (more only
	 * if the kernel writes part of them). On failure the segment is cut back to where it was.
	 * @param bytes the buffer of frames
	 * @param length how many of its bytes
	 * @throws IOException when writing fails
	 */
	void appendSegment(byte[] bytes, int length) throws IOException {
		long at = this.segmentSize;
		try {
			writeFully(this.segment, ByteBuffer.wrap(bytes, 0, length), at);
		}
		catch (IOException ex) {
			truncateQuietly(this.segment, at);
			throw ex;
		}
		this.segmentSize = at + length;
		this.lastWriteNanos = System.nanoTime();
		this.unsynced = true;
	}

	/**
	 * Notes bytes that were written to the segment by positional writes of the caller (a
	 * streamed attachment).
	 * @param newSize the segment's size now
	 */
	void grewTo(long newSize) {
		this.segmentSize = newSize;
		this.unsynced = true;
	}

	/**
	 * Cuts the segment back after a failed streamed write.
	 * @param size the size to go back to
	 */
	void cutBack(long size) {
		truncateQuietly(this.segment, size);
		this.segmentSize = size;
	}

	/**
	 * Appends a batch's index frame with one write and makes its entries visible.
	 * @param frame the frame
	 * @param batch the entries it holds
	 * @throws IOException when writing fails
	 */
	void appendIndex(byte[] frame, List<IndexEntry> batch) throws IOException {
		long at = this.indexSize;
		try {
			writeFully(this.index, frame, at);
		}
		catch (IOException ex) {
			truncateQuietly(this.index, at);
			throw ex;
		}
		synchronized (this) {
			this.indexSize = at + frame.length;
			this.entryCount += batch.size();
			for (IndexEntry entry : batch) {
				if (entry.isTrace()) {
					this.traceIds.add(entry.idMsb(), entry.idLsb());
				}
				if (Long.compareUnsigned(entry.idMsb(), this.firstIdMsb) < 0) {
					this.firstIdMsb = entry.idMsb();
				}
				if (Long.compareUnsigned(entry.idMsb(), this.lastIdMsb) > 0) {
					this.lastIdMsb = entry.idMsb();
				}
			}
			this.table = null;
		}
	}

	synchronized boolean containsTrace(long msb, long lsb) {
		return this.traceIds.contains(msb, lsb);
	}

	/**
	 * The entries written so far, sorted for listings; read back from the index file after a
	 * write, then kept until the next.
	 * @return the table
	 * @throws UncheckedIOException when the index cannot be read
	 */
	synchronized IndexTable table() {
		if (this.table == null) {
			this.table = new IndexTable(readEntries());
		}
		return this.table;
	}

	/**
	 * Reads the frames written so far with a file of its own: a reader interrupted while reading
	 * a {@link FileChannel} closes it, and must not close the writer's channel.
	 */
	private List<IndexEntry> readEntries() {
		byte[] frames = new byte[Math.toIntExact(this.indexSize - SegmentFormat.HEADER_SIZE)];
		// the open name, or the sealed one when a seal renamed it since the caller found it open
		for (String suffix : List.of(SegmentFiles.OPEN_INDEX, SegmentFiles.INDEX)) {
			try (RandomAccessFile file = new RandomAccessFile(this.dayFolder.resolve(this.base + suffix).toFile(), "r")) {
				file.seek(SegmentFormat.HEADER_SIZE);
				file.readFully(frames);
				List<IndexEntry> entries = new ArrayList<>(this.entryCount);
				IndexCodec.read(frames, 0, entries::add);
				return entries;
			}
			catch (FileNotFoundException ex) {
				// try the other name
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not read the index of segment " + this.base, ex);
			}
		}
		// sealed and removed since (shipped to S3 by a spool): its traces are listed from there
		return List.of();
	}

	/**
	 * The ids of the traces written, for the writer's duplicate check once sealed; not to be
	 * changed.
	 * @return the ids
	 */
	synchronized IdSet traceIds() {
		return this.traceIds;
	}

	synchronized int entryCount() {
		return this.entryCount;
	}

	synchronized long firstIdMsb() {
		return this.firstIdMsb;
	}

	synchronized long lastIdMsb() {
		return this.lastIdMsb;
	}

	boolean isIdleOrOld(long nowNanos, long maxAgeNanos, long idleNanos) {
		return nowNanos - this.createdNanos >= maxAgeNanos || nowNanos - this.lastWriteNanos >= idleNanos;
	}

	/**
	 * Forces what was written to disk when the last sync is older than the interval.
	 * @param nowNanos now
	 * @param intervalNanos the sync interval
	 * @throws IOException when forcing fails
	 */
	void syncIfDue(long nowNanos, long intervalNanos) throws IOException {
		if (this.unsynced && nowNanos - this.lastSyncNanos >= intervalNanos) {
			this.segment.force(false);
			this.index.force(false);
			this.unsynced = false;
			this.lastSyncNanos = nowNanos;
		}
	}

	/**
	 * Forces both files to disk, closes them and renames them to their sealed names. An empty
	 * segment is deleted instead.
	 * @return the sealed segment file, or {@code null} when it was empty and deleted
	 * @throws IOException when forcing, closing or renaming fails
	 */
	@Nullable Path seal() throws IOException {
		try {
			this.segment.force(false);
			this.index.force(false);
		}
		finally {
			this.segment.close();
			this.index.close();
		}
		Path openSegment = this.dayFolder.resolve(this.base + SegmentFiles.OPEN_SEGMENT);
		Path openIndex = this.dayFolder.resolve(this.base + SegmentFiles.OPEN_INDEX);
		if (this.segmentSize <= SegmentFormat.HEADER_SIZE) {
			Files.deleteIfExists(openSegment);
			Files.deleteIfExists(openIndex);
			return null;
		}
		// the index first: a segment found sealed always has its sealed index beside it
		Files.move(openIndex, this.dayFolder.resolve(this.base + SegmentFiles.INDEX), StandardCopyOption.ATOMIC_MOVE);
		Path sealed = this.dayFolder.resolve(this.base + SegmentFiles.SEGMENT);
		Files.move(openSegment, sealed, StandardCopyOption.ATOMIC_MOVE);
		return sealed;
	}

	static void writeFully(FileChannel channel, byte[] bytes, long position) throws IOException {
		writeFully(channel, ByteBuffer.wrap(bytes), position);
	}

	private static void writeFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
		int start = buffer.position();
		while (buffer.hasRemaining()) {
			channel.write(buffer, position + buffer.position() - start);
		}
	}

	private static void truncateQuietly(FileChannel channel, long size) {
		try {
			channel.truncate(size);
		}
		catch (IOException ex) {
			// readers skip a torn tail with a warning; recovery cuts it at the next start
		}
	}

}
