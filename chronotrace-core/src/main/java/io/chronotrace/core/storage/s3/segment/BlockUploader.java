package io.chronotrace.core.storage.s3.segment;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import io.chronotrace.core.storage.TraceLayout;
import io.chronotrace.core.storage.TraceStorageException;
import io.chronotrace.core.storage.objectstore.ObjectStore;
import io.chronotrace.core.storage.segment.IndexCodec;
import io.chronotrace.core.storage.segment.IndexEntry;
import io.chronotrace.core.storage.segment.IndexTable;
import io.chronotrace.core.storage.segment.SegmentFiles;
import io.chronotrace.core.storage.segment.SegmentFormat;
import io.chronotrace.core.storage.spool.SpoolUploader;
import io.chronotrace.core.support.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads the sealed segments of the spool directory to the object store (S3), oldest first, on
 * the {@link SpoolUploader}'s thread: the segment as the block object, then its index object (so
 * that a reader never sees an index whose block is missing), then deletes both files locally.
 * Whatever is not uploaded stays in the spool, also across restarts.
 */
final class BlockUploader extends SpoolUploader {

	private static final Logger logger = LoggerFactory.getLogger(BlockUploader.class);

	private final Path spool;

	private final RemoteBlocks remote;

	private final ObjectStore store;

	/** Held during one upload; purge holds it so that no block of a purged day goes up again. */
	final ReentrantLock uploading = new ReentrantLock();

	private final AtomicLong blocks = new AtomicLong();

	private final AtomicLong traces = new AtomicLong();

	private final RateLimitedLog warnings = RateLimitedLog.oncePerKey(logger, RateLimitedLog.DEFAULT_MAX_KEYS);

	/** Tells the local storage that an uploaded segment left the spool. */
	private final Runnable removedLocally;

	BlockUploader(Path spool, RemoteBlocks remote, Duration interval, Duration retryInterval, Runnable removedLocally) {
		super("chronotrace-s3-blocks", interval, retryInterval);
		this.spool = spool;
		this.remote = remote;
		this.store = remote.store();
		this.removedLocally = removedLocally;
	}

	/**
	 * Uploads what is sealed until nothing is left or the timeout passes, then stops the thread.
	 * @param timeout how long to keep trying
	 * @return the number of sealed segments left in the spool
	 */
	int close(Duration timeout) {
		finish(timeout);
		int left = sealedSegments().size();
		if (left > 0) {
			logger.warn("{} sealed trace segments stay in {} and go up to {} on the next start: {}", left, this.spool,
					this.store.locate(""),
					(lastFailure() != null) ? "uploads failed: " + lastFailure() : "chronotrace.shutdown-timeout passed");
		}
		return left;
	}

	@Override
	protected void uploadPending() {
		uploadAll();
	}

	@Override
	protected void attemptFailed(RuntimeException ex, boolean first) {
		if (!(ex instanceof TraceStorageException)) {
			this.warnings.warnOnce("run", () -> "Uploading trace blocks from " + this.spool + " failed: " + ex);
		}
		else if (first) {
			logger.warn("Could not upload trace blocks to {}; they wait in {} and are retried: {}", this.store.locate(""),
					this.spool, ex.getMessage());
		}
	}

	@Override
	protected void recovered() {
		logger.info("Uploading trace blocks to {} works again", this.store.locate(""));
	}

	/**
	 * Uploads every sealed segment, oldest first.
	 * @return how many were uploaded
	 * @throws TraceStorageException when the store fails: the segment stays for the next attempt
	 */
	int uploadAll() {
		int uploaded = 0;
		for (Path segment : sealedSegments()) {
			if (uploadOne(segment)) {
				uploaded++;
			}
		}
		return uploaded;
	}

	private boolean uploadOne(Path segment) {
		this.uploading.lock();
		try {
			Path folder = segment.getParent();
			Optional<LocalDate> day = TraceLayout.parseDay(folder.getFileName().toString());
			String name = segment.getFileName().toString();
			String base = name.substring(0, name.length() - SegmentFiles.SEGMENT.length());
			Path index = folder.resolve(base + SegmentFiles.INDEX);
			if (day.isEmpty() || !Files.exists(segment)) {
				return false; // purged meanwhile
			}
			byte[] indexBytes;
			List<IndexEntry> entries = new ArrayList<>();
			try {
				indexBytes = Files.readAllBytes(index);
				SegmentFormat.checkHeader(indexBytes, SegmentFormat.INDEX_MAGIC);
				IndexCodec.read(indexBytes, SegmentFormat.HEADER_SIZE, entries::add);
			}
			catch (NoSuchFileException ex) {
				return false;
			}
			catch (IOException ex) {
				this.warnings.warnOnce(index.toString(), () -> "Cannot upload trace segment " + segment
						+ " to S3: its index cannot be read (" + ex.getMessage() + "); it stays in the spool");
				return false;
			}
			IndexTable table = new IndexTable(entries);
			BlockKey key = BlockKey.of(day.get(), base, table);
			String prefix = BlockKey.dayPrefix(day.get());
			try {
				// the block first, the index last: a block is invisible until its index exists
				this.store.put(prefix + key.segmentName(), segment);
			}
			catch (java.io.UncheckedIOException ex) {
				return false; // the file went away (purged) while it was read
			}
			this.store.put(prefix + key.indexName(), indexBytes);
			this.remote.uploaded(key, table);
			this.blocks.incrementAndGet();
			this.traces.addAndGet(table.newestFirst().length);
			try {
				// the segment first: a local reader finds segments by their .seg file
				Files.deleteIfExists(segment);
				Files.deleteIfExists(index);
			}
			catch (IOException ex) {
				this.warnings.warnOnce(segment.toString(),
						() -> "Could not delete uploaded trace segment " + segment + ": " + ex);
			}
			finally {
				this.removedLocally.run();
			}
			return true;
		}
		finally {
			this.uploading.unlock();
		}
	}

	/**
	 * The sealed segments of the spool, oldest first; deletes the index of a segment deleted
	 * after its upload by a process that stopped before deleting the index.
	 * @return the segment files
	 */
	List<Path> sealedSegments() {
		List<Path> segments = new ArrayList<>();
		try (DirectoryStream<Path> days = Files.newDirectoryStream(this.spool)) {
			for (Path day : days) {
				if (TraceLayout.parseDay(day.getFileName().toString()).isEmpty() || !Files.isDirectory(day)) {
					continue;
				}
				try (DirectoryStream<Path> files = Files.newDirectoryStream(day)) {
					for (Path file : files) {
						String name = file.getFileName().toString();
						if (name.endsWith(SegmentFiles.SEGMENT) && !name.endsWith(SegmentFiles.OPEN_SEGMENT)) {
							segments.add(file);
						}
						else if (name.endsWith(SegmentFiles.INDEX) && !name.endsWith(SegmentFiles.OPEN_INDEX)) {
							deleteIfOrphan(day, name);
						}
					}
				}
				catch (NoSuchFileException ex) {
					// purged meanwhile
				}
			}
		}
		catch (NoSuchFileException ex) {
			return segments;
		}
		catch (IOException ex) {
			this.warnings.warnOnce("scan", () -> "Could not scan trace spool " + this.spool + ": " + ex);
		}
		segments.sort(Comparator.comparing((Path file) -> file.getFileName().toString()));
		return segments;
	}

	private void deleteIfOrphan(Path day, String indexName) throws IOException {
		String base = indexName.substring(0, indexName.length() - SegmentFiles.INDEX.length());
		if (!Files.exists(day.resolve(base + SegmentFiles.SEGMENT)) && !Files.exists(day.resolve(base + SegmentFiles.OPEN_SEGMENT))) {
			Files.deleteIfExists(day.resolve(indexName));
		}
	}

	/**
	 * The bytes of sealed segments waiting for upload.
	 * @return the bytes
	 */
	long pendingBytes() {
		long bytes = 0;
		for (Path segment : sealedSegments()) {
			try {
				bytes += Files.size(segment);
			}
			catch (IOException ex) {
				// uploaded meanwhile
			}
		}
		return bytes;
	}

	long uploadedBlocks() {
		return this.blocks.get();
	}

	long uploadedTraces() {
		return this.traces.get();
	}

}
