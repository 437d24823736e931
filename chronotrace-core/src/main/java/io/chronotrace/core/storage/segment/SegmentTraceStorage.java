package io.chronotrace.core.storage.segment;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

import io.chronotrace.core.storage.BatchStoreResult;
import io.chronotrace.core.storage.PageCollector;
import io.chronotrace.core.storage.StorageCheck;
import io.chronotrace.core.storage.TraceLayout;
import io.chronotrace.core.storage.TracePage;
import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.TraceStorageException;
import io.chronotrace.core.storage.segment.SegmentFormat.RecordLocation;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceAttachment;
import io.chronotrace.core.trace.TraceCodec;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.trace.TraceSummary;
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
 * {@link #MAX_OPEN_RECORDS} records or {@link SegmentSettings#segmentMaxAge()}, after five idle
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

	private static final Duration IDLE_SEAL = Duration.ofMinutes(5);

	/**
	 * The most records an open segment takes: its entries stay in memory and are sorted again
	 * for a listing after each write, so small, well-compressed traces seal it before its size.
	 */
	static final int MAX_OPEN_RECORDS = 100_000;

	private final Path root;

	private final SegmentSettings settings;

	private final boolean readOnly;

	private final Consumer<String> warnings;

	private final SealedSegmentListener sealListener;

	private final Set<String> warned = ConcurrentHashMap.newKeySet();

	private final ConcurrentLinkedDeque<Lane> idleLanes = new ConcurrentLinkedDeque<>();

	private final List<Lane> lanes = new CopyOnWriteArrayList<>();

	/** Open segments by {@code day/base}, for readers. */
	private final Map<String, OpenSegment> openSegments = new ConcurrentHashMap<>();

	private final TableCache cache;

	private final AtomicLong versionClock = new AtomicLong();

	private final @Nullable ScheduledExecutorService maintenance;

	private final @Nullable FileChannel lockChannel;

	private final @Nullable FileLock lock;

	private volatile @Nullable String writeFailure;

	/** A failure every write meets, for tests on machines where no small file system can be mounted. */
	private volatile @Nullable IOException injectedFailure;

	private volatile boolean closed;

	private SegmentTraceStorage(Path root, SegmentSettings settings, boolean readOnly, Consumer<String> warnings,
			SealedSegmentListener sealListener) {
		this.root = root.toAbsolutePath().normalize();
		this.settings = settings;
		this.readOnly = readOnly;
		this.warnings = warnings;
		this.sealListener = sealListener;
		this.cache = new TableCache(settings.indexCacheEntries());
		if (readOnly) {
			this.lockChannel = null;
			this.lock = null;
			this.maintenance = null;
			return;
		}
		try {
			Files.createDirectories(this.root);
			checkLayout();
			this.lockChannel = FileChannel.open(this.root.resolve(LOCK_FILE), StandardOpenOption.CREATE,
					StandardOpenOption.WRITE);
			this.lock = tryLock(this.lockChannel);
			Files.write(this.root.resolve(SegmentFiles.LAYOUT_MARKER),
					SegmentFiles.MARKER_CONTENT.getBytes(StandardCharsets.UTF_8));
			recover();
		}
		catch (IOException ex) {
			throw new TraceStorageException(
					"local trace storage directory " + this.root + " is not usable: " + describe(ex), ex);
		}
		this.maintenance = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "chronotrace-segments");
			thread.setDaemon(true);
			return thread;
		});
		this.maintenance.execute(this::preload);
		this.maintenance.scheduleWithFixedDelay(this::maintain, 1, 1, TimeUnit.SECONDS);
	}

	/**
	 * Reads the indexes of the newest days into the cache in the background after start-up,
	 * as far as it holds them, so that the first listings and look-ups find them parsed.
	 */
	private void preload() {
		try {
			List<LocalDate> days = days();
			for (int i = days.size() - 1; i >= 0 && !this.closed; i--) {
				dayTables(days.get(i));
				if (this.cache.isFull()) {
					return;
				}
			}
		}
		catch (RuntimeException ex) {
			warnOnce("preload", "Could not read the indexes of local trace storage " + this.root + " ahead: " + ex);
		}
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
			throw new TraceStorageException("local trace storage directory " + this.root
					+ " is already used by another ChronoTrace storage (chronotrace.layout=segments lets one process"
					+ " write a directory; give each instance its own chronotrace.path)", null);
		}
		return acquired;
	}

	private void checkLayout() throws IOException {
		if (SegmentFiles.isSegmentLayout(this.root)) {
			return;
		}
		Optional<Path> folder = SegmentFiles.findTraceFolder(this.root);
		if (folder.isPresent()) {
			throw new TraceStorageException("local trace storage directory " + this.root
					+ " holds traces in the folders layout (such as " + this.root.relativize(folder.get())
					+ "/), but chronotrace.layout=segments; set chronotrace.layout=folders to read them, or give the"
					+ " segments layout another chronotrace.path", null);
		}
	}

	// ---------------------------------------------------------------- writing

	@Override
	public long store(Trace trace) {
		BatchStoreResult result = storeAll(List.of(trace));
		if (!result.allStored()) {
			RuntimeException cause = result.failures().get(0).cause();
			throw (cause instanceof TraceStorageException storageException) ? storageException
					: new TraceStorageException(cause.getMessage(), cause);
		}
		return result.bytesWritten();
	}

	@Override
	public BatchStoreResult storeAll(List<Trace> traces) {
		List<BatchStoreResult.Failure> failures = new ArrayList<>();
		if (this.readOnly || this.closed) {
			TraceStorageException ex = failure("store traces", new IOException(this.readOnly ? "opened read-only" : "closed"));
			traces.forEach((trace) -> failures.add(new BatchStoreResult.Failure(trace.id(), ex)));
			return new BatchStoreResult(0, failures);
		}
		Map<LocalDate, List<Trace>> byDay = new LinkedHashMap<>();
		for (Trace trace : traces) {
			Optional<String> unstorable = TraceLayout.unstorableReason(trace);
			if (unstorable.isPresent()) {
				failures.add(new BatchStoreResult.Failure(trace.id(), new TraceStorageException("local trace storage "
						+ this.root + " cannot store trace " + trace.id() + ": " + unstorable.get(), null)));
				continue;
			}
			byDay.computeIfAbsent(TraceLayout.dayOf(trace.startTime()), (day) -> new ArrayList<>()).add(trace);
		}
		long bytes = 0;
		Lane lane = acquireLane();
		try {
			for (Map.Entry<LocalDate, List<Trace>> day : byDay.entrySet()) {
				bytes += lane.write(day.getKey(), day.getValue(), failures);
			}
		}
		finally {
			releaseLane(lane);
		}
		return new BatchStoreResult(bytes, failures);
	}

	private Lane acquireLane() {
		Lane lane = this.idleLanes.pollFirst();
		if (lane == null) {
			lane = new Lane();
			this.lanes.add(lane);
		}
		lane.lock.lock();
		return lane;
	}

	private void releaseLane(Lane lane) {
		lane.lock.unlock();
		this.idleLanes.addFirst(lane);
	}

	private long nextVersion() {
		long now = System.currentTimeMillis() * 1000;
		return this.versionClock.updateAndGet((previous) -> Math.max(previous + 1, now));
	}

	/**
	 * One writer's open segments, one per day. Used by one thread at a time.
	 */
	private final class Lane {

		final ReentrantLock lock = new ReentrantLock();

		final Map<LocalDate, OpenSegment> segments = new HashMap<>();

		/** Reused for each trace's JSON, which the block copies: one buffer per lane, not one per trace. */
		private JsonBuffer json = new JsonBuffer();

		private static void serialize(Trace trace, JsonBuffer json) {
			try {
				TraceCodec.get().write(trace, json);
			}
			catch (IOException ex) {
				// an in-memory buffer does not fail; the codec declares it for streams that do
				throw new UncheckedIOException(ex);
			}
		}

		private JsonBuffer jsonBuffer() {
			if (this.json.capacity() > JsonBuffer.KEPT_CAPACITY) {
				// a trace with large bodies grew it: do not keep that much for every later batch
				this.json = new JsonBuffer();
			}
			this.json.reset();
			return this.json;
		}

		long write(LocalDate day, List<Trace> traces, List<BatchStoreResult.Failure> failures) {
			OpenSegment segment;
			try {
				segment = segmentFor(day);
			}
			catch (IOException ex) {
				noteWriteFailure(ex);
				failAll(traces, failures, ex);
				return 0;
			}
			WrittenIds existing = writtenIds(day);
			Set<UUID> inBatch = new HashSet<>();
			BlockWriter blocks = new BlockWriter(segment.segmentSize(),
					SegmentTraceStorage.this.settings.compressed() ? SegmentFormat.CODEC_DEFLATE : SegmentFormat.CODEC_NONE,
					SegmentTraceStorage.this.settings.blockSize());
			List<Trace> written = new ArrayList<>();
			for (Trace trace : traces) {
				try {
					JsonBuffer json = jsonBuffer();
					serialize(trace, json);
					UUID uuid = UUID.fromString(trace.id().toString());
					boolean replacing = !inBatch.add(uuid)
							|| existing.containsTrace(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits());
					blocks.addTrace(trace.summary(), replacing, nextVersion(), uuid, json.bytes(), json.size());
					written.add(trace);
				}
				catch (RuntimeException ex) {
					failures.add(new BatchStoreResult.Failure(trace.id(), failure("store trace " + trace.id(), ex)));
				}
			}
			if (written.isEmpty()) {
				return 0;
			}
			byte[] frames = blocks.finish();
			try {
				throwInjected();
				segment.appendSegment(frames);
			}
			catch (IOException ex) {
				noteWriteFailure(ex);
				failAll(written, failures, ex);
				abandon(day, segment);
				return 0;
			}
			long bytes = frames.length;
			List<IndexEntry> entries = new ArrayList<>(blocks.entries());
			for (int i = 0; i < written.size(); i++) {
				Trace trace = written.get(i);
				if (trace.attachments().isEmpty()) {
					continue;
				}
				IndexEntry traceEntry = blocks.entries().get(i);
				long before = segment.segmentSize();
				try {
					for (TraceAttachment attachment : trace.attachments()) {
						entries.add(writeAttachment(segment, trace.id(), traceEntry.version(), attachment));
					}
					bytes += segment.segmentSize() - before;
				}
				catch (IOException | RuntimeException ex) {
					segment.cutBack(before);
					entries.removeIf((entry) -> entry.idMsb() == traceEntry.idMsb() && entry.idLsb() == traceEntry.idLsb()
							&& entry.version() == traceEntry.version());
					if (ex instanceof IOException io) {
						noteWriteFailure(io);
					}
					failures.add(new BatchStoreResult.Failure(trace.id(), failure("store trace " + trace.id(), ex)));
				}
			}
			byte[] indexFrame = IndexCodec.frame(entries);
			try {
				segment.appendIndex(indexFrame, entries);
			}
			catch (IOException ex) {
				noteWriteFailure(ex);
				// the records are in the segment but not indexed: recovery would index them,
				// so the segment is sealed no further and its records are reported as failed
				failAll(written, failures, ex);
				segment.cutBack(segment.segmentSize() - bytes);
				abandon(day, segment);
				return 0;
			}
			SegmentTraceStorage.this.writeFailure = null;
			return bytes + indexFrame.length;
		}

		OpenSegment segmentFor(LocalDate day) throws IOException {
			OpenSegment segment = this.segments.get(day);
			if (segment != null && (segment.segmentSize() >= SegmentTraceStorage.this.settings.segmentMaxBytes()
					|| segment.entryCount() >= MAX_OPEN_RECORDS)) {
				seal(day, segment);
				segment = null;
			}
			if (segment == null) {
				segment = createSegment(day);
				this.segments.put(day, segment);
			}
			return segment;
		}

		void seal(LocalDate day, OpenSegment segment) {
			this.segments.remove(day, segment);
			sealSegment(segment);
		}

		void abandon(LocalDate day, OpenSegment segment) {
			seal(day, segment);
		}

		/** Seals segments that are old or idle and forces the others to disk when due. */
		void maintain(long now) {
			SegmentSettings settings = SegmentTraceStorage.this.settings;
			for (OpenSegment segment : List.copyOf(this.segments.values())) {
				if (segment.isIdleOrOld(now, settings.segmentMaxAge().toNanos(), IDLE_SEAL.toNanos())) {
					seal(segment.day, segment);
					continue;
				}
				try {
					segment.syncIfDue(now, settings.syncInterval().toNanos());
				}
				catch (IOException ex) {
					warnOnce("sync", "Could not force segment " + segment.base + " of local trace storage " + root
							+ " to disk: " + describe(ex));
				}
			}
		}

		void sealAll(@Nullable LocalDate before) {
			for (OpenSegment segment : List.copyOf(this.segments.values())) {
				if (before == null || segment.day.isBefore(before)) {
					seal(segment.day, segment);
				}
			}
		}

	}

	private OpenSegment createSegment(LocalDate day) throws IOException {
		long now = System.currentTimeMillis();
		String base = String.format("%013d-%08x", now, ThreadLocalRandom.current().nextInt());
		OpenSegment segment = OpenSegment.create(dayFolder(day), day, base, now);
		this.openSegments.put(key(day, base), segment);
		return segment;
	}

	private void sealSegment(OpenSegment segment) {
		IndexTable table = segment.table();
		try {
			Path sealed = segment.seal();
			if (sealed != null) {
				this.cache.put(key(segment.day, segment.base), table);
				notifySealed(segment.day, segment.dayFolder, segment.base);
			}
		}
		catch (IOException ex) {
			warnOnce("seal-" + segment.base, "Could not seal segment " + segment.base + " of local trace storage "
					+ this.root + ": " + describe(ex) + "; the next start recovers it");
		}
		finally {
			this.openSegments.remove(key(segment.day, segment.base));
		}
	}

	private void notifySealed(LocalDate day, Path folder, String base) {
		try {
			this.sealListener.sealed(day, folder.resolve(base + SegmentFiles.SEGMENT), folder.resolve(base + SegmentFiles.INDEX));
		}
		catch (RuntimeException ex) {
			warnOnce("listener-" + base, "The listener of sealed segments of local trace storage " + this.root
					+ " failed for " + base + ": " + ex);
		}
	}

	private void failAll(List<Trace> traces, List<BatchStoreResult.Failure> failures, Exception ex) {
		for (Trace trace : traces) {
			failures.add(new BatchStoreResult.Failure(trace.id(), failure("store trace " + trace.id(), ex)));
		}
	}

	private void noteWriteFailure(IOException ex) {
		String reason = describe(ex);
		this.writeFailure = isDiskFull(ex) ? "disk full: " + reason : reason;
	}

	private static boolean isDiskFull(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			String message = cause.getMessage();
			if (message != null && (message.contains("No space left") || message.contains("Disk quota exceeded")
					|| message.contains("not enough space"))) {
				return true;
			}
		}
		return false;
	}

	/** Streams an attachment through the compression into an attachment frame. */
	private IndexEntry writeAttachment(OpenSegment segment, TraceId id, long version, TraceAttachment attachment)
			throws IOException {
		FileChannel channel = segment.segmentChannel();
		long frameOffset = segment.segmentSize();
		byte[] name = attachment.name().getBytes(StandardCharsets.UTF_8);
		byte codec = this.settings.compressed() ? SegmentFormat.CODEC_DEFLATE : SegmentFormat.CODEC_NONE;
		UUID uuid = UUID.fromString(id.toString());
		ByteBuffer head = ByteBuffer.allocate(SegmentFormat.FRAME_PREFIX + SegmentFormat.BLOCK_HEADER + 26 + name.length);
		head.putInt(0).putInt(0);
		head.put(SegmentFormat.TYPE_ATTACHMENT).put(codec).putInt(-1);
		head.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).putLong(version);
		head.putShort((short) name.length).put(name);
		byte[] headBytes = head.array();
		CRC32C crc = new CRC32C();
		crc.update(headBytes, SegmentFormat.FRAME_PREFIX, headBytes.length - SegmentFormat.FRAME_PREFIX);
		ChannelSink sink = new ChannelSink(channel, frameOffset + headBytes.length, crc);
		OpenSegment.writeFully(channel, headBytes, frameOffset);
		try (InputStream in = Files.newInputStream(attachment.file());
				OutputStream out = (codec == SegmentFormat.CODEC_DEFLATE)
						? new DeflaterOutputStream(sink, new Deflater(1, true), 64 * 1024) : sink) {
			in.transferTo(out);
		}
		long contentLength = sink.position - (frameOffset + headBytes.length);
		long bodyLength = headBytes.length - SegmentFormat.FRAME_PREFIX + contentLength;
		if (bodyLength > SegmentFormat.MAX_FRAME) {
			throw new IOException("attachment " + attachment.name() + " is larger than a frame can hold");
		}
		OpenSegment.writeFully(channel,
				ByteBuffer.allocate(SegmentFormat.FRAME_PREFIX).putInt((int) bodyLength).putInt((int) crc.getValue())
					.array(),
				frameOffset);
		segment.grewTo(sink.position);
		int contentOffset = headBytes.length - SegmentFormat.FRAME_PREFIX;
		return IndexEntry.attachment(id, attachment.name(), version, new RecordLocation(frameOffset,
				(int) (SegmentFormat.FRAME_PREFIX + bodyLength), contentOffset, (int) contentLength));
	}

	/** Writes to a channel at increasing positions, buffered, updating a checksum. */
	private static final class ChannelSink extends OutputStream {

		private final FileChannel channel;

		private final CRC32C crc;

		private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(64 * 1024);

		long position;

		ChannelSink(FileChannel channel, long position, CRC32C crc) {
			this.channel = channel;
			this.position = position;
			this.crc = crc;
		}

		@Override
		public void write(int b) throws IOException {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			this.crc.update(bytes, offset, length);
			this.buffer.write(bytes, offset, length);
			if (this.buffer.size() >= 64 * 1024) {
				flush();
			}
		}

		@Override
		public void flush() throws IOException {
			if (this.buffer.size() > 0) {
				byte[] bytes = this.buffer.toByteArray();
				OpenSegment.writeFully(this.channel, bytes, this.position);
				this.position += bytes.length;
				this.buffer.reset();
			}
		}

		@Override
		public void close() throws IOException {
			flush();
		}

	}

	// ---------------------------------------------------------------- reading

	@Override
	public Optional<Trace> retrieve(TraceId id) {
		Optional<Hit> hit = findLive(id);
		if (hit.isEmpty()) {
			return Optional.empty();
		}
		Hit found = hit.get();
		Path file = segmentFile(found.day(), found.base());
		try {
			byte[] json = SegmentFormat.readRecord(ByteSource.of(file), found.entry().location());
			Trace trace = TraceCodec.get().readTrace(json);
			if (!trace.id().equals(id)) {
				warnOnce(file + "@" + found.entry().location().frameOffset(), "Skipping a record of " + file
						+ " in local trace storage: it holds another trace, " + trace.id());
				return Optional.empty();
			}
			return Optional.of(trace);
		}
		catch (NoSuchFileException ex) {
			return Optional.empty(); // purged meanwhile
		}
		catch (IOException | RuntimeException ex) {
			warnOnce(file + "@" + found.entry().location().frameOffset(), "Skipping trace " + id + " in " + file
					+ " of local trace storage: it cannot be read: " + describe(ex));
			return Optional.empty();
		}
	}

	@Override
	public Optional<InputStream> openAttachment(TraceId id, String name) {
		if (!TraceLayout.isAttachmentName(name)) {
			return Optional.empty();
		}
		Optional<Hit> hit = findLive(id);
		if (hit.isEmpty()) {
			return Optional.empty();
		}
		Hit found = hit.get();
		for (Located entry : found.tables().entriesOf(found.entry().idMsb(), found.entry().idLsb())) {
			if (entry.entry().kind() == IndexEntry.ATTACHMENT && entry.entry().version() == found.entry().version()
					&& entry.entry().path().equals(name)) {
				return openAttachment(segmentFile(found.day(), entry.base()), entry.entry());
			}
		}
		return Optional.empty();
	}

	/**
	 * The names of a stored trace's attachments, for tools that copy traces elsewhere.
	 * @param id the trace id
	 * @return the names, none when the trace has none or is not stored
	 */
	public List<String> attachmentNames(TraceId id) {
		Optional<Hit> hit = findLive(id);
		if (hit.isEmpty()) {
			return List.of();
		}
		Hit found = hit.get();
		List<String> names = new ArrayList<>();
		for (Located entry : found.tables().entriesOf(found.entry().idMsb(), found.entry().idLsb())) {
			if (entry.entry().kind() == IndexEntry.ATTACHMENT && entry.entry().version() == found.entry().version()) {
				names.add(entry.entry().path());
			}
		}
		return names;
	}

	private Optional<InputStream> openAttachment(Path file, IndexEntry entry) {
		try {
			FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
			try {
				RecordLocation location = entry.location();
				long bodyStart = location.frameOffset() + SegmentFormat.FRAME_PREFIX;
				byte codec = ByteSource.read(channel, bodyStart + 1, 1)[0];
				channel.position(bodyStart + location.recordOffset());
				InputStream in = new java.io.BufferedInputStream(
						new BoundedInputStream(Channels.newInputStream(channel), location.recordLength()), 64 * 1024);
				return Optional.of((codec == SegmentFormat.CODEC_DEFLATE)
						? new InflaterInputStream(in, new Inflater(true), 64 * 1024) : in);
			}
			catch (IOException | RuntimeException ex) {
				channel.close();
				throw ex;
			}
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
		catch (IOException ex) {
			warnOnce(file + "@" + entry.location().frameOffset(),
					"Skipping an attachment in " + file + " of local trace storage: " + describe(ex));
			return Optional.empty();
		}
	}

	/** Reads at most a number of bytes, then reports the end; closes the stream it reads. */
	private static final class BoundedInputStream extends java.io.FilterInputStream {

		private long remaining;

		BoundedInputStream(InputStream in, long length) {
			super(in);
			this.remaining = length;
		}

		@Override
		public int read() throws IOException {
			if (this.remaining <= 0) {
				return -1;
			}
			int b = super.read();
			if (b >= 0) {
				this.remaining--;
			}
			return b;
		}

		@Override
		public int read(byte[] bytes, int offset, int length) throws IOException {
			if (this.remaining <= 0) {
				return -1;
			}
			int n = super.read(bytes, offset, (int) Math.min(length, this.remaining));
			if (n > 0) {
				this.remaining -= n;
			}
			return n;
		}

	}

	@Override
	public TracePage list(TraceQuery query) {
		Instant upper = query.upperBound();
		Instant from = query.from();
		LocalDate lastDay = (upper != null) ? TraceLayout.dayOf(upper.minusNanos(1)) : LocalDate.MAX;
		LocalDate firstDay = (from != null) ? TraceLayout.dayOf(from) : LocalDate.MIN;
		PageCollector page = new PageCollector(query);
		List<LocalDate> days = days();
		for (int i = days.size() - 1; i >= 0 && !page.isFull(); i--) {
			LocalDate day = days.get(i);
			if (!day.isAfter(lastDay) && !day.isBefore(firstDay)) {
				listDay(dayTables(day), query, page);
			}
		}
		return page.toTracePage();
	}

	private void listDay(DayTables day, TraceQuery query, PageCollector page) {
		Instant upper = query.upperBound();
		Instant from = query.from();
		PriorityQueue<Cursor> merge = new PriorityQueue<>((a, b) -> IndexTable.NEWEST_FIRST.compare(a.current(), b.current()));
		for (IndexTable table : day.tables()) {
			int start = (upper != null) ? table.firstBefore(upper.getEpochSecond(), upper.getNano()) : 0;
			if (start < table.newestFirst().length) {
				merge.add(new Cursor(table.newestFirst(), start));
			}
		}
		Map<UUID, IndexEntry> latest = day.latestOfSpecials();
		while (!merge.isEmpty() && !page.isFull()) {
			Cursor cursor = merge.poll();
			IndexEntry entry = cursor.current();
			if (from != null && (entry.startSecond() < from.getEpochSecond()
					|| (entry.startSecond() == from.getEpochSecond() && entry.startNano() < from.getNano()))) {
				break;
			}
			if (isLive(entry, latest)) {
				TraceSummary summary = entry.summary();
				if (query.matches(summary)) {
					page.add(summary);
				}
			}
			if (cursor.advance()) {
				merge.add(cursor);
			}
		}
	}

	private static boolean isLive(IndexEntry entry, Map<UUID, IndexEntry> latest) {
		if (latest.isEmpty()) {
			return true;
		}
		IndexEntry newest = latest.get(new UUID(entry.idMsb(), entry.idLsb()));
		return newest == null || (newest.version() == entry.version() && newest.isTrace());
	}

	private static final class Cursor {

		private final IndexEntry[] entries;

		private int position;

		Cursor(IndexEntry[] entries, int position) {
			this.entries = entries;
			this.position = position;
		}

		IndexEntry current() {
			return this.entries[this.position];
		}

		boolean advance() {
			return ++this.position < this.entries.length;
		}

	}

	/**
	 * The newest trace or tombstone of an id, if it is a trace: in the id's day for a version 7
	 * id, otherwise in every day, newest first.
	 */
	private Optional<Hit> findLive(TraceId id) {
		UUID uuid = UUID.fromString(id.toString());
		Optional<LocalDate> idDay = TraceLayout.dayOf(id);
		List<LocalDate> days = idDay.map(List::of).orElseGet(() -> {
			List<LocalDate> all = new ArrayList<>(days());
			all.sort(Comparator.reverseOrder());
			return all;
		});
		for (LocalDate day : days) {
			DayTables tables = dayTables(day);
			Located newest = null;
			for (Located located : tables.entriesOf(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits())) {
				if (located.entry().kind() != IndexEntry.ATTACHMENT
						&& (newest == null || located.entry().version() > newest.entry().version())) {
					newest = located;
				}
			}
			if (newest != null) {
				return newest.entry().isTrace() ? Optional.of(new Hit(day, newest.base(), newest.entry(), tables))
						: Optional.empty();
			}
		}
		return Optional.empty();
	}

	private record Hit(LocalDate day, String base, IndexEntry entry, DayTables tables) {
	}

	private record Located(String base, IndexEntry entry) {
	}

	/**
	 * The indexes of one day: sealed segments' from the cache, open segments' from memory. The
	 * writer uses {@link WrittenIds} instead, which reads only the indexes an id can be in.
	 */
	private record DayTables(List<String> bases, List<IndexTable> tables) {

		List<Located> entriesOf(long msb, long lsb) {
			List<Located> found = new ArrayList<>(2);
			for (int i = 0; i < this.tables.size(); i++) {
				for (IndexEntry entry : this.tables.get(i).lookup(msb, lsb)) {
					found.add(new Located(this.bases.get(i), entry));
				}
			}
			return found;
		}

		Map<UUID, IndexEntry> latestOfSpecials() {
			Map<UUID, IndexEntry> latest = new HashMap<>();
			for (IndexTable table : this.tables) {
				for (IndexEntry special : table.specials()) {
					latest.putIfAbsent(new UUID(special.idMsb(), special.idLsb()), special);
				}
			}
			for (UUID id : List.copyOf(latest.keySet())) {
				IndexEntry newest = null;
				for (IndexTable table : this.tables) {
					for (IndexEntry entry : table.lookup(id.getMostSignificantBits(), id.getLeastSignificantBits())) {
						if (entry.kind() != IndexEntry.ATTACHMENT && (newest == null || entry.version() > newest.version())) {
							newest = entry;
						}
					}
				}
				latest.put(id, newest);
			}
			return latest;
		}

	}


	/**
	 * What the writer checks a batch's ids against, to mark a trace stored again as replacing.
	 * A sealed segment's index is read only when an id falls in the range of ids the segment
	 * holds: new traces have new time-ordered ids, so once a day outgrows the index cache, this
	 * keeps every batch from reading the whole day's indexes again.
	 */
	private WrittenIds writtenIds(LocalDate day) {
		Path folder = dayFolder(day);
		List<String> names = new ArrayList<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, "*" + SegmentFiles.SEGMENT)) {
			for (Path entry : entries) {
				names.add(entry.getFileName().toString());
			}
		}
		catch (NoSuchFileException ex) {
			return new WrittenIds(day, List.of(), List.of(), List.of());
		}
		catch (IOException ex) {
			throw failure("read day " + day, ex);
		}
		names.sort(null);
		List<String> bases = new ArrayList<>();
		List<Boolean> openOnDisk = new ArrayList<>();
		List<OpenSegment> open = new ArrayList<>();
		for (String name : names) {
			boolean isOpen = name.endsWith(SegmentFiles.OPEN_SEGMENT);
			String base = name.substring(0, name.length() - (isOpen ? SegmentFiles.OPEN_SEGMENT : SegmentFiles.SEGMENT).length());
			OpenSegment segment = isOpen ? this.openSegments.get(key(day, base)) : null;
			if (segment != null) {
				open.add(segment);
			}
			else {
				bases.add(base);
				openOnDisk.add(isOpen);
			}
		}
		return new WrittenIds(day, bases, openOnDisk, open);
	}

	private final class WrittenIds {

		private final LocalDate day;

		private final List<String> bases;

		private final List<Boolean> openOnDisk;

		private final List<OpenSegment> open;

		private final @Nullable IndexTable[] tables;

		WrittenIds(LocalDate day, List<String> bases, List<Boolean> openOnDisk, List<OpenSegment> open) {
			this.day = day;
			this.bases = bases;
			this.openOnDisk = openOnDisk;
			this.open = open;
			this.tables = new IndexTable[bases.size()];
		}

		boolean containsTrace(long msb, long lsb) {
			for (OpenSegment segment : this.open) {
				if (segment.containsTrace(msb, lsb)) {
					return true;
				}
			}
			for (int i = 0; i < this.bases.size(); i++) {
				String key = key(this.day, this.bases.get(i));
				if (!this.openOnDisk.get(i) && !SegmentTraceStorage.this.cache.mayHold(key, msb)) {
					continue;
				}
				IndexTable table = this.tables[i];
				if (table == null) {
					table = loadTable(this.day, this.bases.get(i), this.openOnDisk.get(i));
					this.tables[i] = table;
				}
				for (IndexEntry entry : table.lookup(msb, lsb)) {
					if (entry.isTrace()) {
						return true;
					}
				}
			}
			return false;
		}

	}

	private DayTables dayTables(LocalDate day) {
		Path folder = dayFolder(day);
		List<String> bases = new ArrayList<>();
		List<IndexTable> tables = new ArrayList<>();
		List<String> names = new ArrayList<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, "*" + SegmentFiles.SEGMENT)) {
			for (Path entry : entries) {
				names.add(entry.getFileName().toString());
			}
		}
		catch (NoSuchFileException ex) {
			return new DayTables(bases, tables);
		}
		catch (IOException ex) {
			throw failure("read day " + day, ex);
		}
		names.sort(null);
		for (String name : names) {
			boolean isOpen = name.endsWith(SegmentFiles.OPEN_SEGMENT);
			String base = name.substring(0, name.length() - (isOpen ? SegmentFiles.OPEN_SEGMENT : SegmentFiles.SEGMENT).length());
			OpenSegment segment = isOpen ? this.openSegments.get(key(day, base)) : null;
			IndexTable table = (segment != null) ? segment.table() : loadTable(day, base, isOpen);
			bases.add(base);
			tables.add(table);
		}
		return new DayTables(bases, tables);
	}

	/** A sealed segment's index, from the cache or read and checked against its segment. */
	private IndexTable loadTable(LocalDate day, String base, boolean isOpen) {
		String key = key(day, base);
		IndexTable cached = this.cache.get(key);
		if (cached != null) {
			return cached;
		}
		Path folder = dayFolder(day);
		Path segmentFile = folder.resolve(base + (isOpen ? SegmentFiles.OPEN_SEGMENT : SegmentFiles.SEGMENT));
		Path indexFile = folder.resolve(base + (isOpen ? SegmentFiles.OPEN_INDEX : SegmentFiles.INDEX));
		List<IndexEntry> entries = new ArrayList<>();
		try {
			long covered = readIndex(indexFile, entries);
			try (FileChannel channel = FileChannel.open(segmentFile, StandardOpenOption.READ)) {
				long size = channel.size();
				if (size > covered) {
					// frames the index does not cover: written by a process that was killed
					// before its index write, or by another process writing right now
					long end = SegmentScanner.scan(channel, Math.max(covered, SegmentFormat.HEADER_SIZE), entries::add);
					if (end < size && !isOpen) {
						warnOnce(segmentFile.toString(), "Skipping the torn end of " + segmentFile + " in local trace storage ("
								+ (size - end) + " bytes from offset " + end + ")");
					}
				}
			}
		}
		catch (NoSuchFileException ex) {
			if (isOpen && Files.exists(folder.resolve(base + SegmentFiles.SEGMENT))) {
				return loadTable(day, base, false); // sealed meanwhile
			}
			if (!isOpen && Files.exists(folder.resolve(base + SegmentFiles.SEGMENT))) {
				warnOnce(indexFile.toString(), "Skipping " + segmentFile + " in local trace storage: " + describe(ex));
			}
			return IndexTable.EMPTY;
		}
		catch (IOException ex) {
			warnOnce(segmentFile.toString(), "Skipping " + segmentFile + " in local trace storage: it cannot be read: "
					+ describe(ex));
			return IndexTable.EMPTY;
		}
		IndexTable table = new IndexTable(entries);
		if (!isOpen) {
			this.cache.put(key, table);
		}
		return table;
	}

	/**
	 * Reads an index's whole frames.
	 * @return the end in the segment of the last frame the index covers
	 */
	private long readIndex(Path indexFile, List<IndexEntry> entries) throws IOException {
		byte[] bytes;
		try {
			bytes = Files.readAllBytes(indexFile);
		}
		catch (NoSuchFileException ex) {
			return SegmentFormat.HEADER_SIZE; // rebuilt from the segment
		}
		if (bytes.length < SegmentFormat.HEADER_SIZE) {
			return SegmentFormat.HEADER_SIZE;
		}
		SegmentFormat.checkHeader(bytes, SegmentFormat.INDEX_MAGIC);
		long[] covered = { SegmentFormat.HEADER_SIZE };
		IndexCodec.read(bytes, SegmentFormat.HEADER_SIZE, (entry) -> {
			entries.add(entry);
			covered[0] = Math.max(covered[0], entry.location().frameOffset() + entry.location().frameLength());
		});
		return covered[0];
	}

	// ---------------------------------------------------------------- deleting

	@Override
	public boolean delete(TraceId id) {
		Optional<Hit> hit = findLive(id);
		if (hit.isEmpty()) {
			return false;
		}
		if (this.readOnly) {
			throw failure("delete trace " + id, new IOException("opened read-only"));
		}
		LocalDate day = hit.get().day();
		Lane lane = acquireLane();
		try {
			OpenSegment segment = lane.segmentFor(day);
			BlockWriter blocks = new BlockWriter(segment.segmentSize(), SegmentFormat.CODEC_NONE, this.settings.blockSize());
			blocks.addTombstone(id, nextVersion());
			segment.appendSegment(blocks.finish());
			segment.appendIndex(IndexCodec.frame(blocks.entries()), blocks.entries());
			return true;
		}
		catch (IOException ex) {
			noteWriteFailure(ex);
			throw failure("delete trace " + id, ex);
		}
		finally {
			releaseLane(lane);
		}
	}

	@Override
	public int purgeOlderThan(Instant cutoff) {
		LocalDate firstKept = TraceLayout.dayOf(cutoff);
		List<LocalDate> old = days().stream().filter((day) -> day.isBefore(firstKept)).toList();
		if (old.isEmpty()) {
			return 0;
		}
		for (Lane lane : this.lanes) {
			lane.lock.lock();
			try {
				lane.sealAll(firstKept);
			}
			finally {
				lane.lock.unlock();
			}
		}
		int purged = 0;
		for (LocalDate day : old) {
			Path hidden = this.root.resolve(".purge-" + TraceLayout.dayFolder(day) + "-"
					+ Long.toHexString(ThreadLocalRandom.current().nextLong()));
			try {
				Files.move(dayFolder(day), hidden, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (NoSuchFileException ex) {
				continue;
			}
			catch (IOException ex) {
				throw failure("purge day " + day, ex);
			}
			this.cache.removeDay(TraceLayout.dayFolder(day));
			deleteQuietly(hidden);
			purged++;
		}
		return purged;
	}

	private void deleteQuietly(Path folder) {
		try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
			for (Path file : files) {
				Files.deleteIfExists(file);
			}
			Files.deleteIfExists(folder);
		}
		catch (IOException ex) {
			warnOnce(folder.toString(), "Could not delete " + folder + " of local trace storage: " + describe(ex));
		}
	}

	// ---------------------------------------------------------------- health and size

	@Override
	public StorageCheck check() {
		try {
			probe();
		}
		catch (IOException | RuntimeException ex) {
			String reason = isDiskFull(ex) ? "disk full: " + describe(ex) : describe(ex);
			return StorageCheck.down("directory " + this.root + " is not writable: " + reason)
				.withDetail("path", this.root.toString())
				.withDetail("layout", "segments");
		}
		String failure = this.writeFailure;
		if (failure != null && failure.startsWith("disk full")) {
			return StorageCheck.down("directory " + this.root + ": the last write failed, " + failure)
				.withDetail("path", this.root.toString())
				.withDetail("layout", "segments");
		}
		StorageCheck check = StorageCheck.ok()
			.withDetail("path", this.root.toString())
			.withDetail("layout", "segments")
			.withDetail("openSegments", this.openSegments.size());
		try {
			check = check.withDetail("freeSpace", Files.getFileStore(this.root).getUsableSpace());
		}
		catch (IOException ex) {
			// the probe worked: free space is only a detail
		}
		return check;
	}

	/**
	 * Writes, reads back and deletes a probe file as big as a block, so that a full disk shows
	 * even when a tiny file would still fit; clears a remembered write failure when it works.
	 */
	private void probe() throws IOException {
		if (this.readOnly) {
			if (!Files.isDirectory(this.root)) {
				throw new NoSuchFileException(this.root.toString());
			}
			return;
		}
		throwInjected();
		Path file = this.root.resolve(".probe-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
		byte[] content = new byte[64 * 1024];
		ThreadLocalRandom.current().nextBytes(content);
		try {
			Files.write(file, content, StandardOpenOption.CREATE_NEW);
			if (!Arrays.equals(Files.readAllBytes(file), content)) {
				throw new IOException("a file read back differs from what was written");
			}
		}
		finally {
			Files.deleteIfExists(file);
		}
		String failure = this.writeFailure;
		if (failure != null && failure.startsWith("disk full")) {
			// there is room again: the next batch will tell for sure
			this.writeFailure = null;
		}
	}

	@Override
	public SortedMap<LocalDate, Long> sizeByDay() {
		SortedMap<LocalDate, Long> sizes = new TreeMap<>();
		for (LocalDate day : days()) {
			long size = 0;
			try (DirectoryStream<Path> files = Files.newDirectoryStream(dayFolder(day))) {
				for (Path file : files) {
					size += Files.size(file);
				}
			}
			catch (NoSuchFileException ex) {
				continue;
			}
			catch (IOException ex) {
				throw failure("measure its size", ex);
			}
			sizes.put(day, size);
		}
		return sizes;
	}

	@Override
	public String type() {
		return "local";
	}

	@Override
	public String location() {
		return this.root.toString();
	}

	@Override
	public String toString() {
		return "SegmentTraceStorage{root=" + this.root + ", compressed=" + this.settings.compressed() + "}";
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
		this.closed = true;
		if (this.maintenance != null) {
			this.maintenance.shutdownNow();
		}
		for (Lane lane : this.lanes) {
			lane.lock.lock();
			try {
				lane.sealAll(null);
			}
			finally {
				lane.lock.unlock();
			}
		}
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

	/**
	 * Seals every open segment now (forced to disk); the next batch starts new ones. For a
	 * spool that ships sealed segments elsewhere, such as S3, and must not wait for their age.
	 */
	public void sealOpenSegments() {
		for (Lane lane : this.lanes) {
			lane.lock.lock();
			try {
				lane.sealAll(null);
			}
			finally {
				lane.lock.unlock();
			}
		}
	}

	/**
	 * Makes every write fail with the given exception until called with {@code null}.
	 * @param failure the failure, such as an {@code IOException("No space left on device")}
	 */
	void injectWriteFailure(@Nullable IOException failure) {
		this.injectedFailure = failure;
	}

	private void throwInjected() throws IOException {
		IOException failure = this.injectedFailure;
		if (failure != null) {
			throw failure;
		}
	}

	/**
	 * Stops as a killed process would: open segments stay open and unsealed, the directory is
	 * released. For tests of recovery.
	 */
	void crash() {
		this.closed = true;
		if (this.maintenance != null) {
			this.maintenance.shutdownNow();
		}
		for (Lane lane : this.lanes) {
			lane.lock.lock();
			try {
				lane.segments.values().forEach(OpenSegment::closeUnsealed);
				lane.segments.clear();
			}
			finally {
				lane.lock.unlock();
			}
		}
		try {
			if (this.lock != null) {
				this.lock.release();
			}
			if (this.lockChannel != null) {
				this.lockChannel.close();
			}
		}
		catch (IOException ex) {
			// as good as a crash
		}
	}

	private void maintain() {
		long now = System.nanoTime();
		for (Lane lane : this.lanes) {
			if (lane.lock.tryLock()) {
				try {
					lane.maintain(now);
				}
				catch (RuntimeException ex) {
					warnOnce("maintain", "Segment maintenance of local trace storage " + this.root + " failed: " + ex);
				}
				finally {
					lane.lock.unlock();
				}
			}
		}
	}

	// ---------------------------------------------------------------- recovery

	/**
	 * Recovers the segments a killed process left open: cuts a torn tail (one warning per
	 * segment), indexes frames the index lacks, forces both files to disk and seals them.
	 */
	private void recover() throws IOException {
		for (LocalDate day : days()) {
			Path folder = dayFolder(day);
			List<Path> open = new ArrayList<>();
			try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*" + SegmentFiles.OPEN_SEGMENT)) {
				files.forEach(open::add);
			}
			for (Path segmentFile : open) {
				String name = segmentFile.getFileName().toString();
				recoverSegment(folder, name.substring(0, name.length() - SegmentFiles.OPEN_SEGMENT.length()));
			}
		}
		try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(this.root, ".{purge,probe}-*")) {
			for (Path leftover : leftovers) {
				if (Files.isDirectory(leftover)) {
					deleteQuietly(leftover);
				}
				else {
					Files.deleteIfExists(leftover);
				}
			}
		}
	}

	private void recoverSegment(Path folder, String base) throws IOException {
		Path segmentFile = folder.resolve(base + SegmentFiles.OPEN_SEGMENT);
		Path indexFile = folder.resolve(base + SegmentFiles.OPEN_INDEX);
		List<IndexEntry> indexed = new ArrayList<>();
		long covered;
		int indexEnd;
		byte[] indexBytes = Files.exists(indexFile) ? Files.readAllBytes(indexFile) : new byte[0];
		boolean indexUsable = indexBytes.length >= SegmentFormat.HEADER_SIZE;
		if (indexUsable) {
			try {
				SegmentFormat.checkHeader(indexBytes, SegmentFormat.INDEX_MAGIC);
			}
			catch (IOException ex) {
				indexUsable = false;
			}
		}
		if (indexUsable) {
			long[] end = { SegmentFormat.HEADER_SIZE };
			indexEnd = IndexCodec.read(indexBytes, SegmentFormat.HEADER_SIZE, (entry) -> {
				indexed.add(entry);
				end[0] = Math.max(end[0], entry.location().frameOffset() + entry.location().frameLength());
			});
			covered = end[0];
		}
		else {
			indexEnd = 0;
			covered = SegmentFormat.HEADER_SIZE;
		}
		List<IndexEntry> missing = new ArrayList<>();
		try (FileChannel segment = FileChannel.open(segmentFile, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
			long size = segment.size();
			if (size < SegmentFormat.HEADER_SIZE) {
				segment.close();
				Files.deleteIfExists(segmentFile);
				Files.deleteIfExists(indexFile);
				return;
			}
			long validEnd = SegmentScanner.scan(segment, Math.min(covered, size), missing::add);
			if (covered > size) {
				// the index points past the segment's end (possible only after a power loss):
				// rebuild it from the segment alone
				indexed.clear();
				missing.clear();
				indexUsable = false;
				validEnd = SegmentScanner.scan(segment, SegmentFormat.HEADER_SIZE, missing::add);
			}
			if (validEnd < size) {
				warnOnce(segmentFile.toString(), "Skipping the torn end of " + segmentFile + " in local trace storage ("
						+ (size - validEnd) + " bytes from offset " + validEnd
						+ ", written when the process stopped); cutting it off");
				segment.truncate(validEnd);
			}
			segment.force(true);
		}
		try (FileChannel index = FileChannel.open(indexFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
				StandardOpenOption.WRITE)) {
			long at;
			if (indexUsable) {
				index.truncate(indexEnd);
				at = indexEnd;
			}
			else {
				index.truncate(0);
				OpenSegment.writeFully(index, SegmentFormat.header(SegmentFormat.INDEX_MAGIC, System.currentTimeMillis()), 0);
				at = SegmentFormat.HEADER_SIZE;
			}
			if (!missing.isEmpty()) {
				OpenSegment.writeFully(index, IndexCodec.frame(missing), at);
			}
			index.force(true);
		}
		Files.move(indexFile, folder.resolve(base + SegmentFiles.INDEX), StandardCopyOption.ATOMIC_MOVE);
		Files.move(segmentFile, folder.resolve(base + SegmentFiles.SEGMENT), StandardCopyOption.ATOMIC_MOVE);
		TraceLayout.parseDay(folder.getFileName().toString()).ifPresent((day) -> notifySealed(day, folder, base));
		for (IndexEntry entry : indexed) {
			this.versionClock.accumulateAndGet(entry.version(), Math::max);
		}
		for (IndexEntry entry : missing) {
			this.versionClock.accumulateAndGet(entry.version(), Math::max);
		}
	}

	// ---------------------------------------------------------------- helpers

	private List<LocalDate> days() {
		List<LocalDate> days = new ArrayList<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(this.root)) {
			for (Path entry : entries) {
				String name = entry.getFileName().toString();
				if (name.startsWith(".")) {
					continue;
				}
				Optional<LocalDate> day = TraceLayout.parseDay(name).filter((date) -> TraceLayout.dayFolder(date).equals(name));
				if (day.isPresent() && Files.isDirectory(entry)) {
					days.add(day.get());
				}
				else {
					warnOnce(entry.toString(), "Skipping " + entry + " in local trace storage: not a day folder (yyyy-MM-dd)");
				}
			}
		}
		catch (NoSuchFileException ex) {
			return days;
		}
		catch (IOException ex) {
			throw failure("list its days", ex);
		}
		days.sort(null);
		return days;
	}

	private Path dayFolder(LocalDate day) {
		return this.root.resolve(TraceLayout.dayFolder(day));
	}

	private Path segmentFile(LocalDate day, String base) {
		Path sealed = dayFolder(day).resolve(base + SegmentFiles.SEGMENT);
		return Files.exists(sealed) ? sealed : dayFolder(day).resolve(base + SegmentFiles.OPEN_SEGMENT);
	}

	private static String key(LocalDate day, String base) {
		return TraceLayout.dayFolder(day) + "/" + base;
	}

	private void warnOnce(String key, String message) {
		if (this.warned.add(key)) {
			this.warnings.accept(message);
		}
	}

	private TraceStorageException failure(String action, Exception ex) {
		return new TraceStorageException("local trace storage " + this.root + " could not " + action + ": " + describe(ex),
				ex);
	}

	static String describe(Throwable ex) {
		String message = ex.getMessage();
		String name = ex.getClass().getSimpleName();
		if (ex instanceof NoSuchFileException) {
			return "no such file " + message;
		}
		return (message != null) ? (ex instanceof IOException && !(ex.getClass() == IOException.class)
				? name + ": " + message : message) : name;
	}

	/** Parsed indexes of sealed segments, least recently used dropped first, bounded by entries. */
	private static final class TableCache {

		private final int maxEntries;

		private int entries;

		private final LinkedHashMap<String, IndexTable> tables = new LinkedHashMap<>(16, 0.75f, true);

		/**
		 * The first and last id (first 64 bits, unsigned) of each sealed segment seen, kept when
		 * its table is evicted: two longs per segment, dropped with the day.
		 */
		private final Map<String, long[]> idRanges = new HashMap<>();

		TableCache(int maxEntries) {
			this.maxEntries = maxEntries;
		}

		synchronized @Nullable IndexTable get(String key) {
			return this.tables.get(key);
		}

		synchronized void put(String key, IndexTable table) {
			this.idRanges.put(key, new long[] { table.firstIdMsb(), table.lastIdMsb() });
			IndexTable previous = this.tables.put(key, table);
			this.entries += table.size() - ((previous != null) ? previous.size() : 0);
			var iterator = this.tables.entrySet().iterator();
			while (this.entries > this.maxEntries && iterator.hasNext()) {
				var eldest = iterator.next();
				if (eldest.getKey().equals(key)) {
					continue;
				}
				this.entries -= eldest.getValue().size();
				iterator.remove();
			}
		}

		/**
		 * Whether a sealed segment may hold an id: false only when its range is known and the
		 * id is outside it.
		 */
		synchronized boolean mayHold(String key, long msb) {
			long[] range = this.idRanges.get(key);
			return range == null
					|| (Long.compareUnsigned(msb, range[0]) >= 0 && Long.compareUnsigned(msb, range[1]) <= 0);
		}

		synchronized boolean isFull() {
			return this.entries >= this.maxEntries;
		}

		synchronized void removeDay(String day) {
			this.idRanges.keySet().removeIf((key) -> key.startsWith(day + "/"));
			var iterator = this.tables.entrySet().iterator();
			while (iterator.hasNext()) {
				var entry = iterator.next();
				if (entry.getKey().startsWith(day + "/")) {
					this.entries -= entry.getValue().size();
					iterator.remove();
				}
			}
		}

	}

}
