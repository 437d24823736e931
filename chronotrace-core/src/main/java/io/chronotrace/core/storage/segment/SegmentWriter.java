package io.chronotrace.core.storage.segment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import io.chronotrace.core.storage.BatchStoreResult;
import io.chronotrace.core.storage.TraceLayout;
import io.chronotrace.core.storage.TraceStorageException;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceAttachment;
import io.chronotrace.core.trace.TraceCodec;
import io.chronotrace.core.trace.TraceId;
import org.jspecify.annotations.Nullable;

/**
 * Appends to a segment storage: each concurrent writer gets a lane with its own open segment
 * per day, so writers share no lock; seals segments when full, old or idle.
 */
final class SegmentWriter {

	private static final Duration IDLE_SEAL = Duration.ofMinutes(5);

	/**
	 * The most records an open segment takes: its entries stay in memory and are sorted again
	 * for a listing after each write, so small, well-compressed traces seal it before its size.
	 */
	static final int MAX_OPEN_RECORDS = 100_000;

	private final SegmentDirectory directory;

	private final SegmentSettings settings;

	private final SegmentIndexes indexes;

	private final SegmentHealth health;

	private final ConcurrentLinkedDeque<Lane> idleLanes = new ConcurrentLinkedDeque<>();

	private final List<Lane> lanes = new CopyOnWriteArrayList<>();

	private final AtomicLong versionClock = new AtomicLong();

	SegmentWriter(SegmentDirectory directory, SegmentSettings settings, SegmentIndexes indexes, SegmentHealth health) {
		this.directory = directory;
		this.settings = settings;
		this.indexes = indexes;
		this.health = health;
	}

	/**
	 * Makes the next versions exceed those found on disk.
	 * @param version the highest version found
	 */
	void versionsAbove(long version) {
		this.versionClock.accumulateAndGet(version, Math::max);
	}

	/**
	 * Stores a batch through one lane: one append per day of the batch.
	 * @param traces the traces
	 * @return what was written and what failed
	 */
	BatchStoreResult storeAll(List<Trace> traces) {
		List<BatchStoreResult.Failure> failures = new ArrayList<>();
		Map<LocalDate, List<Trace>> byDay = new LinkedHashMap<>();
		for (Trace trace : traces) {
			Optional<String> unstorable = TraceLayout.unstorableReason(trace);
			if (unstorable.isPresent()) {
				failures.add(new BatchStoreResult.Failure(trace.id(), new TraceStorageException("local trace storage "
						+ this.directory.root() + " cannot store trace " + trace.id() + ": " + unstorable.get(), null)));
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

	/**
	 * Appends a tombstone that hides every version of a trace stored so far.
	 * @param id the trace
	 * @param day its day
	 */
	void writeTombstone(TraceId id, LocalDate day) {
		Lane lane = acquireLane();
		try {
			OpenSegment segment = lane.segmentFor(day);
			BlockWriter blocks = new BlockWriter(segment.segmentSize(), SegmentFormat.CODEC_NONE, this.settings.blockSize());
			blocks.addTombstone(id, nextVersion());
			SegmentBuffer frames = blocks.finish();
			segment.appendSegment(frames.bytes(), frames.size());
			segment.appendIndex(IndexCodec.frame(blocks.entries()), blocks.entries());
		}
		catch (IOException ex) {
			this.health.noteWriteFailure(ex);
			throw this.directory.failure("delete trace " + id, ex);
		}
		finally {
			releaseLane(lane);
		}
	}

	/**
	 * Seals the open segments of the days before a day, or all (forced to disk).
	 * @param before the first day to keep open, or {@code null} for all
	 */
	void sealAll(@Nullable LocalDate before) {
		for (Lane lane : this.lanes) {
			lane.lock.lock();
			try {
				lane.sealAll(before);
			}
			finally {
				lane.lock.unlock();
			}
		}
	}

	/** Seals segments that are old or idle and forces the others to disk when due, skipping busy lanes. */
	void maintain() {
		long now = System.nanoTime();
		for (Lane lane : this.lanes) {
			if (lane.lock.tryLock()) {
				try {
					lane.maintain(now);
				}
				catch (RuntimeException ex) {
					this.directory.warnOnce("maintain",
							"Segment maintenance of local trace storage " + this.directory.root() + " failed: " + ex);
				}
				finally {
					lane.lock.unlock();
				}
			}
		}
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
		private SegmentBuffer json = new SegmentBuffer();

		/** Reused for the block being filled and for the frames of a batch. */
		private SegmentBuffer block = new SegmentBuffer();

		private SegmentBuffer frames = new SegmentBuffer();

		private static void serialize(Trace trace, SegmentBuffer json) {
			try {
				TraceCodec.get().write(trace, json);
			}
			catch (IOException ex) {
				// an in-memory buffer does not fail; the codec declares it for streams that do
				throw new UncheckedIOException(ex);
			}
		}

		/** A batch with large traces grew the buffers: do not keep that much for every later batch. */
		private void dropLargeBuffers() {
			if (this.frames.capacity() > SegmentBuffer.KEPT_CAPACITY) {
				this.frames = new SegmentBuffer();
			}
			if (this.block.capacity() > SegmentBuffer.KEPT_CAPACITY) {
				this.block = new SegmentBuffer();
			}
		}

		private SegmentBuffer jsonBuffer() {
			if (this.json.capacity() > SegmentBuffer.KEPT_CAPACITY) {
				// a trace with large bodies grew it: do not keep that much for every later batch
				this.json = new SegmentBuffer();
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
				SegmentWriter.this.health.noteWriteFailure(ex);
				failAll(traces, failures, ex);
				return 0;
			}
			SegmentIndexes.WrittenIds existing = SegmentWriter.this.indexes.writtenIds(day);
			IdSet inBatch = new IdSet();
			BlockWriter blocks = new BlockWriter(segment.segmentSize(),
					SegmentWriter.this.settings.compressed() ? SegmentFormat.CODEC_LZ4 : SegmentFormat.CODEC_NONE,
					SegmentWriter.this.settings.blockSize(), this.frames, this.block);
			List<Trace> written = new ArrayList<>();
			for (Trace trace : traces) {
				try {
					SegmentBuffer json = jsonBuffer();
					serialize(trace, json);
					UUID uuid = trace.id().uuid();
					boolean replacing = !inBatch.add(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits())
							|| existing.containsTrace(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits());
					blocks.addTrace(trace.summary(), replacing, nextVersion(), uuid, json.bytes(), json.size());
					written.add(trace);
				}
				catch (RuntimeException ex) {
					failures.add(new BatchStoreResult.Failure(trace.id(),
							SegmentWriter.this.directory.failure("store trace " + trace.id(), ex)));
				}
			}
			if (written.isEmpty()) {
				return 0;
			}
			SegmentBuffer frames = blocks.finish();
			try {
				segment.appendSegment(frames.bytes(), frames.size());
			}
			catch (IOException ex) {
				SegmentWriter.this.health.noteWriteFailure(ex, frames.size());
				failAll(written, failures, ex);
				seal(day, segment);
				return 0;
			}
			long bytes = frames.size();
			dropLargeBuffers();
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
						entries.add(AttachmentFrameWriter.write(segment, trace.id(), traceEntry.version(), attachment,
								SegmentWriter.this.settings.compressed()));
					}
					bytes += segment.segmentSize() - before;
				}
				catch (IOException | RuntimeException ex) {
					segment.cutBack(before);
					entries.removeIf((entry) -> entry.idMsb() == traceEntry.idMsb() && entry.idLsb() == traceEntry.idLsb()
							&& entry.version() == traceEntry.version());
					if (ex instanceof IOException io) {
						SegmentWriter.this.health.noteWriteFailure(io);
					}
					failures.add(new BatchStoreResult.Failure(trace.id(),
							SegmentWriter.this.directory.failure("store trace " + trace.id(), ex)));
				}
			}
			byte[] indexFrame = IndexCodec.frame(entries);
			try {
				segment.appendIndex(indexFrame, entries);
			}
			catch (IOException ex) {
				SegmentWriter.this.health.noteWriteFailure(ex, bytes + indexFrame.length);
				// the records are in the segment but not indexed, where recovery would index
				// them: they are cut off and reported as failed, and the segment is sealed
				failAll(written, failures, ex);
				segment.cutBack(segment.segmentSize() - bytes);
				seal(day, segment);
				return 0;
			}
			SegmentWriter.this.health.writeSucceeded();
			return bytes + indexFrame.length;
		}

		OpenSegment segmentFor(LocalDate day) throws IOException {
			OpenSegment segment = this.segments.get(day);
			if (segment != null && (segment.segmentSize() >= SegmentWriter.this.settings.segmentMaxBytes()
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

		/** Seals segments that are old or idle and forces the others to disk when due. */
		void maintain(long now) {
			SegmentSettings settings = SegmentWriter.this.settings;
			for (OpenSegment segment : List.copyOf(this.segments.values())) {
				if (segment.isIdleOrOld(now, settings.segmentMaxAge().toNanos(), IDLE_SEAL.toNanos())) {
					seal(segment.day, segment);
					continue;
				}
				try {
					segment.syncIfDue(now, settings.syncInterval().toNanos());
				}
				catch (IOException ex) {
					SegmentWriter.this.directory.warnOnce("sync", "Could not force segment " + segment.base
							+ " of local trace storage " + SegmentWriter.this.directory.root() + " to disk: "
							+ SegmentDirectory.describe(ex));
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
		OpenSegment segment = OpenSegment.create(this.directory.dayFolder(day), day, base, now);
		this.indexes.opened(segment);
		return segment;
	}

	private void sealSegment(OpenSegment segment) {
		try {
			Path sealed = segment.seal();
			if (sealed != null) {
				this.indexes.sealed(segment);
				this.directory.sealed(segment.day, segment.dayFolder, segment.base);
			}
		}
		catch (IOException ex) {
			this.directory.warnOnce("seal-" + segment.base, "Could not seal segment " + segment.base + " of local trace storage "
					+ this.directory.root() + ": " + SegmentDirectory.describe(ex) + "; the next start recovers it");
		}
		finally {
			this.indexes.closed(segment);
		}
	}

	private void failAll(List<Trace> traces, List<BatchStoreResult.Failure> failures, Exception ex) {
		for (Trace trace : traces) {
			failures.add(new BatchStoreResult.Failure(trace.id(), this.directory.failure("store trace " + trace.id(), ex)));
		}
	}

}
