package io.chronotrace.core.storage.segment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.chronotrace.core.storage.BatchStoreResult;
import io.chronotrace.core.storage.LayoutMismatchException;
import io.chronotrace.core.storage.PurgeResult;
import io.chronotrace.core.storage.StorageCheck;
import io.chronotrace.core.storage.StorageDescription;
import io.chronotrace.core.storage.TracePage;
import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.TraceStorageException;
import io.chronotrace.core.storage.UnusableLocationException;
import io.chronotrace.core.storage.segment.SegmentIndexes.Hit;
import io.chronotrace.core.support.AttachmentStream;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceId;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps traces in a local directory in the segment layout ({@code chronotrace.layout=segments}):
 * under {@code {root}/{yyyy-MM-dd}/} a few append-only segment files of checksummed blocks of
 * records, each with an index of the summaries that listings need (see {@link SegmentFiles} and
 * {@link SegmentFormat}).
 * <p>
 * <b>Writing.</b> Each concurrent writer appends to its own segment per day, so writers share no
 * lock. A batch ({@link #storeAll}) costs one write of its compressed blocks to the segment and
 * one write of its entries to the index, plus a streamed frame per attachment. Nothing is
 * forced to disk per batch: the operating system holds a trace as soon as its batch's write
 * returns (a killed process loses nothing written), and a timer forces segments to disk every
 * {@link SegmentSettings#syncInterval()} and on sealing, which bounds what a power loss can take.
 * Segments are sealed when they reach {@link SegmentSettings#segmentMaxBytes()},
 * {@link SegmentWriter#MAX_OPEN_RECORDS} records or {@link SegmentSettings#segmentMaxAge()}, after five idle
 * minutes, and on {@link #close()}.
 * <p>
 * <b>Reading.</b> A trace is found by its id: a version 7 id gives the day, the day's indexes
 * (kept parsed in memory, bounded) give the frame, one read of the frame gives the trace. A
 * listing reads indexes only. Deleting appends a tombstone; storing an id again appends a newer
 * version; purging deletes whole days.
 * <p>
 * <b>Failures.</b> A process killed at any moment leaves at most a torn frame at the end of a
 * segment that was open; the next start detects it by its length and checksum, warns once, cuts
 * it off, rebuilds the index from the segment where it lags and seals the segment. A failed write
 * (a full disk) cuts the segment back and fails the batch's traces; {@link #check()} reports
 * "disk full" until a write succeeds again. One process owns a directory at a time (a lock file);
 * {@link #openReadOnly} reads a directory that another process writes.
 */
public final class SegmentTraceStorage implements TraceStorage, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(SegmentTraceStorage.class);

	private static final String LOCK_FILE = ".chronotrace-segments.lock";

	private final SegmentDirectory directory;

	private final SegmentSettings settings;

	private final boolean readOnly;

	private final SegmentIndexes indexes;

	private final SegmentHealth health;

	private final SegmentWriter writer;

	private final SegmentReader reader;

	private final SegmentListing listing;

	private final SegmentDays days;

	private final @Nullable ScheduledExecutorService maintenance;

	private final @Nullable FileChannel lockChannel;

	private final @Nullable FileLock lock;

	private volatile boolean closed;

	private SegmentTraceStorage(Path root, SegmentSettings settings, boolean readOnly, Consumer<String> warnings,
			SealedSegmentListener sealListener) {
		this.directory = new SegmentDirectory(root, warnings, sealListener);
		this.settings = settings;
		this.readOnly = readOnly;
		this.indexes = new SegmentIndexes(this.directory, settings.indexCacheEntries(), !readOnly);
		this.health = new SegmentHealth(this.directory, readOnly);
		this.writer = new SegmentWriter(this.directory, settings, this.indexes, this.health);
		this.reader = new SegmentReader(this.directory, this.indexes);
		this.listing = new SegmentListing(this.directory, this.indexes);
		this.days = new SegmentDays(this.directory, this.indexes, this.writer);
		if (readOnly) {
			this.lockChannel = null;
			this.lock = null;
			this.maintenance = null;
			return;
		}
		Path directoryRoot = this.directory.root();
		try {
			Files.createDirectories(directoryRoot);
			checkLayout();
			this.lockChannel = FileChannel.open(directoryRoot.resolve(LOCK_FILE), StandardOpenOption.CREATE,
					StandardOpenOption.WRITE);
			this.lock = tryLock(this.lockChannel);
			Files.write(directoryRoot.resolve(SegmentFiles.LAYOUT_MARKER),
					SegmentFiles.MARKER_CONTENT.getBytes(StandardCharsets.UTF_8));
			this.writer.versionsAbove(new SegmentRecovery(this.directory).recover());
		}
		catch (IOException ex) {
			throw new UnusableLocationException(directoryRoot.toString(), "local trace storage directory "
					+ directoryRoot + " is not usable: " + SegmentDirectory.describe(ex), false, ex);
		}
		this.maintenance = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "chronotrace-segments");
			thread.setDaemon(true);
			return thread;
		});
		this.maintenance.execute(() -> this.indexes.preload(() -> this.closed));
		this.maintenance.scheduleWithFixedDelay(this.writer::maintain, 1, 1, TimeUnit.SECONDS);
	}

	/**
	 * Opens a directory for reading and writing, recovering what a killed process left.
	 * @param root the directory, created when missing
	 * @param settings how to write
	 * @return the storage; close it to seal its segments
	 * @throws TraceStorageException when the directory cannot be used, holds the folder layout,
	 * or is used by another process
	 */
	public static SegmentTraceStorage open(Path root, SegmentSettings settings) {
		return new SegmentTraceStorage(root, settings, false, logger::warn, SealedSegmentListener.NONE);
	}

	/**
	 * Opens a directory for reading and writing, telling a listener about every segment sealed
	 * (also those recovered at start-up): the hook to ship sealed segments elsewhere.
	 * @param root the directory, created when missing
	 * @param settings how to write
	 * @param listener told about each sealed segment
	 * @return the storage; close it to seal its segments
	 */
	public static SegmentTraceStorage open(Path root, SegmentSettings settings, SealedSegmentListener listener) {
		return new SegmentTraceStorage(root, settings, false, logger::warn, listener);
	}

	static SegmentTraceStorage open(Path root, SegmentSettings settings, Consumer<String> warnings) {
		return new SegmentTraceStorage(root, settings, false, warnings, SealedSegmentListener.NONE);
	}

	/**
	 * Opens a directory for reading only, even while another process writes it: nothing is
	 * recovered or written; frames that are not indexed yet are read from the segments.
	 * @param root the directory
	 * @return the storage
	 */
	public static SegmentTraceStorage openReadOnly(Path root) {
		return new SegmentTraceStorage(root, SegmentSettings.DEFAULT, true, logger::warn, SealedSegmentListener.NONE);
	}

	private FileLock tryLock(FileChannel channel) throws IOException {
		FileLock acquired;
		try {
			acquired = channel.tryLock();
		}
		catch (OverlappingFileLockException ex) {
			acquired = null;
		}
		if (acquired == null) {
			channel.close();
			throw new UnusableLocationException(this.directory.root().toString(), "local trace storage directory "
					+ this.directory.root() + " is already used by another ChronoTrace storage (the segments layout lets"
					+ " one process write a directory)", true, null);
		}
		return acquired;
	}

	private void checkLayout() throws IOException {
		if (SegmentFiles.isSegmentLayout(this.directory.root())) {
			return;
		}
		Optional<Path> folder = SegmentFiles.findTraceFolder(this.directory.root());
		if (folder.isPresent()) {
			throw new LayoutMismatchException(this.directory.root().toString(), "folders", "segments",
					this.directory.root().relativize(folder.get()) + "/");
		}
	}

	@Override
	public long store(Trace trace) {
		return storeAll(List.of(trace)).bytesWrittenOrThrow();
	}

	@Override
	public BatchStoreResult storeAll(List<Trace> traces) {
		if (this.readOnly || this.closed) {
			List<BatchStoreResult.Failure> failures = new ArrayList<>();
			TraceStorageException ex = this.directory.failure("store traces",
					new IOException(this.readOnly ? "opened read-only" : "closed"));
			traces.forEach((trace) -> failures.add(new BatchStoreResult.Failure(trace.id(), ex)));
			return new BatchStoreResult(0, failures);
		}
		return this.writer.storeAll(traces);
	}

	@Override
	public Optional<Trace> retrieve(TraceId id) {
		return this.reader.retrieve(id);
	}

	@Override
	public Optional<InputStream> openAttachment(TraceId id, String name) {
		return AttachmentStream.of(this.reader.openAttachment(id, name), id, name, description().type());
	}

	@Override
	public TracePage list(TraceQuery query) {
		return this.listing.list(query);
	}

	@Override
	public boolean delete(TraceId id) {
		Optional<Hit> hit = this.indexes.findLive(id);
		if (hit.isEmpty()) {
			return false;
		}
		if (this.readOnly) {
			throw this.directory.failure("delete trace " + id, new IOException("opened read-only"));
		}
		this.writer.writeTombstone(id, hit.get().day());
		return true;
	}

	@Override
	public PurgeResult purgeOlderThan(Instant cutoff) {
		return this.days.purgeOlderThan(cutoff);
	}

	@Override
	public SortedMap<LocalDate, Long> sizeByDay() {
		return this.days.sizeByDay();
	}

	@Override
	public StorageCheck check() {
		return this.health.check(this.indexes.openCount(), false);
	}

	/** Writes, reads back and deletes a probe file as big as a block, so that a full disk shows. */
	@Override
	public StorageCheck probe() {
		return this.health.check(this.indexes.openCount(), true);
	}

	@Override
	public StorageDescription description() {
		return new StorageDescription("local", this.directory.root().toString());
	}

	@Override
	public String toString() {
		return "SegmentTraceStorage{root=" + this.directory.root() + ", compressed=" + this.settings.compressed() + "}";
	}

	/**
	 * Seals every open segment (forced to disk) and releases the directory. Traces stored after
	 * closing fail.
	 */
	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		stopMaintenance();
		this.writer.sealAll(null);
		releaseDirectory();
	}

	/**
	 * Seals every open segment now (forced to disk); the next batch starts new ones. For a
	 * spool that ships sealed segments elsewhere, such as S3, and must not wait for their age.
	 */
	public void sealOpenSegments() {
		this.writer.sealAll(null);
	}

	/**
	 * Tells this storage that sealed segments were removed from its days by someone else, such
	 * as a spool's uploader once they are shipped, so that it lists its days again.
	 */
	public void segmentsRemoved() {
		this.indexes.changed();
	}

	private void stopMaintenance() {
		this.closed = true;
		if (this.maintenance != null) {
			this.maintenance.shutdownNow();
		}
	}

	private void releaseDirectory() {
		try {
			if (this.lock != null) {
				this.lock.release();
			}
			if (this.lockChannel != null) {
				this.lockChannel.close();
			}
		}
		catch (IOException ex) {
			// the process ends or the lock goes with the channel
		}
	}

}
