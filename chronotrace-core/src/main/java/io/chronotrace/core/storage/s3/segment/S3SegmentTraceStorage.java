package io.chronotrace.core.storage.s3.segment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.chronotrace.core.storage.BatchStoreResult;
import io.chronotrace.core.storage.PageCollector;
import io.chronotrace.core.storage.PurgeResult;
import io.chronotrace.core.storage.SpoolStatistics;
import io.chronotrace.core.storage.StorageCheck;
import io.chronotrace.core.storage.StorageDescription;
import io.chronotrace.core.storage.TraceCursor;
import io.chronotrace.core.storage.TraceLayout;
import io.chronotrace.core.storage.TracePage;
import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.TraceStorageException;
import io.chronotrace.core.storage.objectstore.ObjectStore;
import io.chronotrace.core.storage.s3.S3ObjectStore;
import io.chronotrace.core.storage.s3.S3StorageSettings;
import io.chronotrace.core.storage.segment.SegmentTraceStorage;
import io.chronotrace.core.support.AttachmentStream;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceCodec;
import io.chronotrace.core.trace.TraceFormatException;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.trace.TraceSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Keeps traces in S3 as blocks of the segment layout ({@code chronotrace.storage=s3} with
 * {@code chronotrace.layout=segments}): traces are written to local segments under the spool
 * directory, and each sealed segment is uploaded as two objects, the block and its index, under
 * {@code {prefix}/{yyyy-MM-dd}/} (see {@link BlockKey}). At 1,000 traces a second and the
 * default {@link S3BlockSettings} that is two PUTs a minute instead of two a trace.
 * <p>
 * <b>Spool.</b> The local segments are the spool: a segment is deleted locally only after both
 * its objects are uploaded, so traces wait there while S3 is down and across restarts. The
 * application that wrote a trace finds it in its local segments until it is uploaded: listings
 * merge local and uploaded traces (newest first, each id once) and a look-up reads local first.
 * <p>
 * <b>Reading S3.</b> Index objects are read once and cached (an uploaded block never changes);
 * their names carry the range of start times they hold, so a listing reads only the indexes
 * that can enter its page. A trace is read with one ranged GET of its frame.
 * <p>
 * <b>Deleting.</b> A deleted trace gets a tombstone object,
 * {@code {prefix}/{day}/{traceId}.{version}.tomb}, which every reader of the day sees in the
 * listing of the day's objects; a trace still in local segments also gets a tombstone there,
 * which travels up with the next block. Purge deletes whole days of objects and the spool's
 * days.
 */
public final class S3SegmentTraceStorage implements TraceStorage, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(S3SegmentTraceStorage.class);

	private final ObjectStore store;

	private final S3BlockSettings blocks;

	private final Path spool;

	private final SegmentTraceStorage local;

	private final RemoteBlocks remote;

	private final BlockUploader uploader;

	private final SpoolLimit limit;

	private final TraceCodec codec = TraceCodec.get();

	private final AtomicLong spooled = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private volatile boolean closed;

	private S3SegmentTraceStorage(ObjectStore store, boolean compressed, Path spool, S3BlockSettings blocks) {
		this.store = store;
		this.blocks = blocks;
		this.spool = spool.toAbsolutePath().normalize();
		this.remote = new RemoteBlocks(store, blocks.cachedIndexEntries());
		this.uploader = new BlockUploader(this.spool, this.remote, blocks.uploadInterval(), blocks.retryInterval(),
				this::uploadedSegmentRemoved);
		// a sealed segment wakes the uploader at once; its scan also finds what earlier runs left
		this.local = SegmentTraceStorage.open(this.spool, blocks.segmentSettings(compressed),
				(day, segment, index) -> this.uploader.wakeUp());
		this.limit = new SpoolLimit(blocks.maxSpoolSize(), this.spool, this::measureSpool);
	}

	private void uploadedSegmentRemoved() {
		this.local.segmentsRemoved();
		this.limit.remeasure();
	}

	private long measureSpool() {
		return this.local.sizeByDay().values().stream().mapToLong(Long::longValue).sum();
	}

	/**
	 * Opens the spool directory (recovering what a killed process left) without starting the
	 * uploader; call {@link #start()}.
	 * @param s3 the client
	 * @param settings the bucket, prefix and object settings
	 * @param spool the directory of local segments
	 * @param blocks when blocks are uploaded
	 * @return the storage
	 * @throws TraceStorageException when the spool directory cannot be used
	 */
	public static S3SegmentTraceStorage open(S3Client s3, S3StorageSettings settings, Path spool,
			S3BlockSettings blocks) {
		return open(new S3ObjectStore(s3, settings), settings.compression().enabled(), spool, blocks);
	}

	/**
	 * Opens the spool directory for blocks kept in any object store, without starting the
	 * uploader; call {@link #start()}.
	 * @param store where the blocks go
	 * @param compressed whether blocks are compressed
	 * @param spool the directory of local segments
	 * @param blocks when blocks are uploaded
	 * @return the storage
	 * @throws TraceStorageException when the spool directory cannot be used
	 */
	public static S3SegmentTraceStorage open(ObjectStore store, boolean compressed, Path spool, S3BlockSettings blocks) {
		return new S3SegmentTraceStorage(store, compressed, spool, blocks);
	}

	/**
	 * Starts uploading sealed segments in the background, those a previous run left first.
	 * @return this storage
	 */
	public S3SegmentTraceStorage start() {
		this.uploader.start();
		return this;
	}

	// ---------------------------------------------------------------- writing

	@Override
	public long store(Trace trace) {
		return storeAll(List.of(trace)).bytesWrittenOrThrow();
	}

	/**
	 * Appends the traces to the local segments, or drops them when the spool is full
	 * ({@link S3BlockSettings#maxSpoolSize()}).
	 */
	@Override
	public BatchStoreResult storeAll(List<Trace> traces) {
		if (!this.limit.admits()) {
			return this.limit.drop(traces);
		}
		BatchStoreResult result = this.local.storeAll(traces);
		this.limit.added(result.bytesWritten());
		this.spooled.addAndGet(traces.size() - result.failures().size());
		this.failed.addAndGet(result.failures().size());
		return result;
	}

	/**
	 * Seals the open segments and uploads every sealed one now, on the caller's thread.
	 * @throws TraceStorageException when S3 fails; what is not uploaded stays in the spool
	 */
	public void flush() {
		this.local.sealOpenSegments();
		try {
			this.uploader.uploadAll();
		}
		catch (TraceStorageException ex) {
			throw failure("upload trace blocks to " + location(), ex);
		}
	}

	// ---------------------------------------------------------------- reading

	@Override
	public Optional<Trace> retrieve(TraceId id) {
		Optional<Trace> local = this.local.retrieve(id);
		if (local.isPresent()) {
			return local;
		}
		try {
			Optional<RemoteBlocks.Hit> hit = this.remote.findLive(id);
			if (hit.isEmpty()) {
				return Optional.empty();
			}
			Optional<byte[]> record = this.remote.readRecord(hit.get());
			if (record.isEmpty()) {
				return Optional.empty();
			}
			Trace trace = this.codec.readTrace(record.get());
			if (!trace.id().equals(id)) {
				logger.warn("Skipping a record of block {} in {}: it holds another trace, {}", hit.get().block().key().base(),
						location(), trace.id());
				return Optional.empty();
			}
			return Optional.of(trace);
		}
		catch (TraceStorageException ex) {
			throw failure("read trace " + id + " from " + location(), ex);
		}
		catch (IOException | TraceFormatException ex) {
			logger.warn("Skipping trace {} in {}: it cannot be read: {}", id, location(), ex.getMessage());
			return Optional.empty();
		}
	}

	@Override
	public Optional<InputStream> openAttachment(TraceId id, String name) {
		if (!TraceLayout.isAttachmentName(name)) {
			return Optional.empty();
		}
		Optional<InputStream> local = this.local.openAttachment(id, name);
		if (local.isPresent()) {
			return local;
		}
		try {
			Optional<RemoteBlocks.Hit> hit = this.remote.findLive(id);
			return AttachmentStream.of(hit.isPresent() ? this.remote.openAttachment(hit.get(), name) : Optional.empty(),
					id, name, "s3");
		}
		catch (TraceStorageException ex) {
			throw failure("read attachment " + name + " of trace " + id + " from " + location(), ex);
		}
	}

	@Override
	public TracePage list(TraceQuery query) {
		PageCollector page = new PageCollector(query);
		Set<UUID> localIds = new HashSet<>();
		TracePage localPage = this.local.list(query);
		for (TraceSummary summary : localPage.items()) {
			page.add(summary);
			localIds.add(summary.id().uuid());
		}
		if (localPage.nextCursor() != null) {
			// the spool was listed down to there: older uploaded traces wait for the next page
			page.cut(TraceCursor.parse(localPage.nextCursor()));
		}
		try {
			return page.walkDays(this.remote.days(true), (day) -> day,
					(day) -> this.remote.collect(day, query, page, localIds));
		}
		catch (TraceStorageException ex) {
			throw failure("list traces in " + location(), ex);
		}
	}

	// ---------------------------------------------------------------- deleting

	@Override
	public boolean delete(TraceId id) {
		Optional<LocalDate> localDay = TraceLayout.dayOf(id);
		if (localDay.isEmpty()) {
			localDay = this.local.retrieve(id).map((trace) -> TraceLayout.dayOf(trace.startTime()));
		}
		boolean deletedLocally = this.local.delete(id);
		Optional<RemoteBlocks.Hit> hit;
		try {
			hit = this.remote.findLive(id);
		}
		catch (TraceStorageException ex) {
			if (deletedLocally) {
				return true;
			}
			throw failure("delete trace " + id + " in " + location(), ex);
		}
		if (!deletedLocally && hit.isEmpty()) {
			return false;
		}
		Optional<LocalDate> day = hit.isPresent() ? Optional.of(hit.get().day()) : localDay;
		long version = Math.max(System.currentTimeMillis() * 1000, hit.map((found) -> found.entry().version() + 1).orElse(0L));
		if (day.isPresent()) {
			try {
				// also for a trace deleted locally: its sealed segment may go up before the
				// segment that holds its local tombstone
				this.remote.putTombstone(day.get(), id, version);
			}
			catch (TraceStorageException ex) {
				if (hit.isPresent()) {
					throw failure("delete trace " + id + " in " + location(), ex);
				}
				logger.warn("Deleted trace {} in the spool, but could not write its tombstone to {}: {}", id, location(),
						ex.getMessage());
			}
		}
		return true;
	}

	@Override
	public PurgeResult purgeOlderThan(Instant cutoff) {
		LocalDate firstKept = TraceLayout.dayOf(cutoff);
		Set<LocalDate> purged = new TreeSet<>();
		List<String> errors = new ArrayList<>();
		this.uploader.uploading.lock();
		try {
			purged.addAll(this.local.purgeOlderThan(cutoff).days());
			for (LocalDate day : this.remote.days(false)) {
				if (day.isBefore(firstKept)) {
					this.remote.deleteDay(day, errors);
					purged.add(day);
				}
			}
		}
		catch (TraceStorageException ex) {
			throw failure("purge traces before " + cutoff + " in " + location(), ex);
		}
		finally {
			this.uploader.uploading.unlock();
			this.limit.remeasure();
		}
		if (!errors.isEmpty()) {
			throw new TraceStorageException("S3 storage purged " + purged.size() + " days but could not delete "
					+ errors.size() + " objects of " + location() + "; first: " + errors.get(0), null, false);
		}
		return PurgeResult.ofDays(purged);
	}

	// ---------------------------------------------------------------- health and size

	/**
	 * Checks the spool directory and the bucket with one HeadBucket request (no PUT): uploads
	 * themselves tell whether writing works, and a failing upload makes the check down.
	 */
	@Override
	public StorageCheck check() {
		return check(this.local.check(), false);
	}

	/** Also writes a probe file to the spool, and puts, gets and deletes a probe object. */
	@Override
	public StorageCheck probe() {
		return check(this.local.probe(), true);
	}

	private StorageCheck check(StorageCheck localCheck, boolean writeProbe) {
		StorageCheck storeCheck = this.store.check();
		StorageCheck check;
		if (!localCheck.up()) {
			check = StorageCheck.down("spool " + localCheck.reason());
		}
		else if (!this.limit.admits()) {
			check = StorageCheck.down("The spool " + this.spool + " is full (" + this.limit.bytes() + " of "
					+ this.limit.maxBytes() + " bytes, chronotrace.s3.spool.max-size): new traces are dropped until "
					+ "blocks are uploaded" + uploadFailure());
		}
		else if (!storeCheck.up()) {
			check = StorageCheck.down(String.valueOf(storeCheck.reason()));
		}
		else {
			check = StorageCheck.ok();
			try {
				if (writeProbe) {
					this.store.writeProbe();
				}
				String failure = this.uploader.lastFailure();
				if (failure != null) {
					check = StorageCheck.down("Uploading trace blocks to " + location() + " fails (they wait in the spool): "
							+ failure);
				}
			}
			catch (IOException | RuntimeException ex) {
				check = StorageCheck.down("Could not write, read and delete a probe in " + location() + ": "
						+ ex.getMessage());
			}
		}
		List<Path> pending = this.uploader.sealedSegments();
		return check.withDetails(storeCheck.details())
			.withDetail("layout", "segments")
			.withDetail("spool", this.spool.toString())
			.withDetail("blocksWaiting", pending.size())
			.withDetail("spoolBytesWaiting", this.uploader.pendingBytes())
			.withDetail("spoolBytes", this.limit.bytes())
			.withDetail("spoolMaxBytes", this.limit.maxBytes())
			.withDetail("spoolDropped", this.limit.dropped())
			.withDetail("blocksUploaded", this.uploader.uploadedBlocks())
			.withDetail("tracesUploaded", this.uploader.uploadedTraces())
			.withDetail("failedUploads", this.uploader.failedAttempts());
	}

	@Override
	public SortedMap<LocalDate, Long> sizeByDay() {
		SortedMap<LocalDate, Long> sizes = new TreeMap<>(this.local.sizeByDay());
		try {
			for (LocalDate day : this.remote.days(false)) {
				sizes.merge(day, this.remote.day(day).bytes(), Long::sum);
			}
		}
		catch (TraceStorageException ex) {
			throw failure("size traces in " + location(), ex);
		}
		return sizes;
	}

	@Override
	public StorageDescription description() {
		return this.store.description();
	}

	/** The local segments are the spool of every trace until its block is uploaded. */
	@Override
	public Optional<SpoolStatistics> spoolStatistics() {
		return Optional.of(new SpoolStatistics(this.spooled.get(), this.uploader.uploadedTraces(), this.failed.get(),
				this.limit.dropped(), this.limit.bytes(), this.limit.maxBytes(), this.uploader.lastFailure() == null));
	}

	private String location() {
		return this.store.locate("");
	}

	/**
	 * The directory of local segments.
	 * @return the spool
	 */
	public Path spool() {
		return this.spool;
	}

	/**
	 * When blocks are uploaded.
	 * @return the settings
	 */
	public S3BlockSettings blockSettings() {
		return this.blocks;
	}

	/**
	 * Sealed segments in the spool that are not uploaded yet.
	 * @return how many
	 */
	public int blocksWaiting() {
		return this.uploader.sealedSegments().size();
	}

	@Override
	public String toString() {
		return "S3SegmentTraceStorage{" + this.store + ", spool " + this.spool + ", blocks of "
				+ this.blocks.maxSize() + " bytes or " + this.blocks.maxAge() + "}";
	}

	/**
	 * Seals the open segments and uploads what is sealed within
	 * {@link S3BlockSettings#shutdownTimeout()}; what is not uploaded by then stays in the spool
	 * and goes up on the next start.
	 */
	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		this.local.close();
		this.uploader.close(this.blocks.shutdownTimeout());
	}

	private TraceStorageException failure(String action, TraceStorageException ex) {
		return new TraceStorageException("segments storage could not " + action + ": " + ex.getMessage(), ex,
				ex.isRetryable());
	}

	private String uploadFailure() {
		String failure = this.uploader.lastFailure();
		return (failure != null) ? "; uploads fail: " + failure : "";
	}

}
