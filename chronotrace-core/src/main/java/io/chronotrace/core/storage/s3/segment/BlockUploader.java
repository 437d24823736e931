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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.chronotrace.core.storage.TraceLayout;
import io.chronotrace.core.storage.TraceStorageException;
import io.chronotrace.core.storage.objectstore.ObjectStore;
import io.chronotrace.core.storage.segment.IndexCodec;
import io.chronotrace.core.storage.segment.IndexEntry;
import io.chronotrace.core.storage.segment.SegmentFiles;
import io.chronotrace.core.storage.segment.SegmentFormat;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads the sealed segments of the spool directory to the object store (S3), oldest first, on one background
 * thread: the segment as the block object, then its index object (so that a reader never sees
 * an index whose block is missing), then deletes both files locally. While S3 fails it retries
 * after one second, doubling the wait up to the retry interval; whatever is not uploaded stays
 * in the spool, also across restarts.
 */
final class BlockUploader {

	private static final Logger logger = LoggerFactory.getLogger(BlockUploader.class);

	private static final long FIRST_RETRY_MILLIS = 1000;

	private final Path spool;

	private final RemoteBlocks remote;

	private final ObjectStore store;

	private final Duration interval;

	private final long maxRetryMillis;

	/** Held during one upload; purge holds it so that no block of a purged day goes up again. */
	final ReentrantLock uploading = new ReentrantLock();

	private final ReentrantLock signal = new ReentrantLock();

	private final Condition wake = this.signal.newCondition();

	/** Set by {@link #wakeUp()}, so that a wake-up during a pass is not lost. */
	private final AtomicBoolean woken = new AtomicBoolean();

	private final AtomicLong blocks = new AtomicLong();

	private final AtomicLong traces = new AtomicLong();

	private final AtomicLong failures = new AtomicLong();

	private final Set<String> warned = ConcurrentHashMap.newKeySet();

	private volatile @Nullable String lastFailure;

	private volatile @Nullable Thread thread;

	private volatile long closingDeadline = Long.MAX_VALUE;

	private volatile boolean closing;

	/** Tells the local storage that an uploaded segment left the spool. */
	private final Runnable removedLocally;

	BlockUploader(Path spool, RemoteBlocks remote, Duration interval, Duration retryInterval,
			Runnable removedLocally) {
		this.spool = spool;
		this.remote = remote;
		this.store = remote.store();
		this.interval = interval;
		this.maxRetryMillis = Math.max(1, retryInterval.toMillis());
		this.removedLocally = removedLocally;
	}

	/** Starts the background thread. */
	void start() {
		Thread started = new Thread(this::run, "chronotrace-s3-blocks");
		started.setDaemon(true);
		this.thread = started;
		started.start();
	}

	/** Asks the thread to look for sealed segments now rather than at its next interval. */
	void wakeUp() {
		this.woken.set(true);
		this.signal.lock();
		try {
			this.wake.signalAll();
		}
		finally {
			this.signal.unlock();
		}
	}

	/**
	 * Uploads what is sealed until nothing is left or the timeout passes, then stops the thread.
	 * @param timeout how long to keep trying
	 * @return the number of sealed segments left in the spool
	 */
	int finish(Duration timeout) {
		this.closingDeadline = System.nanoTime() + timeout.toNanos();
		this.closing = true;
		wakeUp();
		Thread running = this.thread;
		if (running == null) {
			run(); // never started: try on the caller's thread, within the same deadline
		}
		else {
			try {
				running.join(Math.max(1, timeout.toMillis() + 1000));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			if (running.isAlive()) {
				running.interrupt();
			}
		}
		int left = sealedSegments().size();
		if (left > 0) {
			logger.warn("{} sealed trace segments stay in {} and go up to {} on the next start: {}", left, this.spool,
					this.store.locate(""),
					(this.lastFailure != null) ? "uploads failed: " + this.lastFailure : "chronotrace.shutdown-timeout passed");
		}
		return left;
	}

	private void run() {
		long backoff = 0;
		while (true) {
			boolean failed;
			this.woken.set(false);
			try {
				uploadPending();
				failed = false;
				backoff = 0;
			}
			catch (TraceStorageException ex) {
				failed = true;
				this.failures.incrementAndGet();
				String reason = ex.getMessage();
				if (this.lastFailure == null) {
					logger.warn("Could not upload trace blocks to {}; they wait in {} and are retried: {}",
							this.store.locate(""), this.spool, reason);
				}
				this.lastFailure = reason;
				backoff = nextRetryMillis(backoff, this.maxRetryMillis);
			}
			catch (RuntimeException ex) {
				failed = true;
				warnOnce("run", "Uploading trace blocks from " + this.spool + " failed: " + ex);
				backoff = Math.max(backoff, nextRetryMillis(0, this.maxRetryMillis));
			}
			if (this.closing && (!failed || System.nanoTime() >= this.closingDeadline)) {
				return;
			}
			long waitMillis = failed ? backoff : this.interval.toMillis();
			if (this.closing) {
				waitMillis = Math.min(waitMillis, Math.max(1, (this.closingDeadline - System.nanoTime()) / 1_000_000));
			}
			if (!sleep(waitMillis)) {
				return;
			}
		}
	}

	/**
	 * How long to wait before the next upload attempt after one more failure.
	 * @param previousMillis the wait after the previous failure, 0 after a success
	 * @param maxMillis the retry interval
	 * @return one second after a success, then twice the previous wait, at most the interval
	 */
	static long nextRetryMillis(long previousMillis, long maxMillis) {
		return Math.min((previousMillis == 0) ? FIRST_RETRY_MILLIS : previousMillis * 2, maxMillis);
	}

	private boolean sleep(long millis) {
		this.signal.lock();
		try {
			if (!this.woken.get()) {
				this.wake.await(millis, TimeUnit.MILLISECONDS);
			}
			return true;
		}
		catch (InterruptedException ex) {
			return false;
		}
		finally {
			this.signal.unlock();
		}
	}

	/**
	 * Uploads every sealed segment, oldest first.
	 * @return how many were uploaded
	 * @throws TraceStorageException when the store fails: the segment stays for the next attempt
	 */
	int uploadPending() {
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
				warnOnce(index.toString(), "Cannot upload trace segment " + segment + " to S3: its index cannot be read ("
						+ ex.getMessage() + "); it stays in the spool");
				return false;
			}
			BlockKey key = key(day.get(), base, entries);
			String prefix = BlockKey.dayPrefix(day.get());
			try {
				// the block first, the index last: a block is invisible until its index exists
				this.store.put(prefix + key.segmentName(), segment);
			}
			catch (java.io.UncheckedIOException ex) {
				return false; // the file went away (purged) while it was read
			}
			this.store.put(prefix + key.indexName(), indexBytes);
			this.remote.uploaded(key, entries);
			this.blocks.incrementAndGet();
			this.traces.addAndGet(entries.stream().filter(IndexEntry::isTrace).count());
			if (this.lastFailure != null) {
				logger.info("Uploading trace blocks to {} works again", this.store.locate(""));
				this.lastFailure = null;
			}
			try {
				// the segment first: a local reader finds segments by their .seg file
				Files.deleteIfExists(segment);
				Files.deleteIfExists(index);
			}
			catch (IOException ex) {
				warnOnce(segment.toString(), "Could not delete uploaded trace segment " + segment + ": " + ex);
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

	private static BlockKey key(LocalDate day, String base, List<IndexEntry> entries) {
		long oldest = Long.MAX_VALUE;
		long newest = Long.MIN_VALUE;
		boolean specials = false;
		for (IndexEntry entry : entries) {
			if (entry.isTrace()) {
				long millis = entry.startSecond() * 1000 + entry.startNano() / 1_000_000;
				oldest = Math.min(oldest, millis);
				newest = Math.max(newest, millis);
			}
			specials |= entry.kind() == IndexEntry.TOMBSTONE || entry.kind() == IndexEntry.REPLACING_TRACE;
		}
		if (oldest == Long.MAX_VALUE) {
			oldest = 0;
			newest = 0;
			specials = true;
		}
		return new BlockKey(day, base, oldest, newest, specials);
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
			warnOnce("scan", "Could not scan trace spool " + this.spool + ": " + ex);
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

	long failedAttempts() {
		return this.failures.get();
	}

	@Nullable String lastFailure() {
		return this.lastFailure;
	}

	private void warnOnce(String key, String message) {
		if (this.warned.size() < 1000 && this.warned.add(key)) {
			logger.warn(message);
		}
	}

}
