package io.chronotrace.core.storage.spool;

import java.io.Closeable;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.chronotrace.core.storage.PurgeResult;
import io.chronotrace.core.storage.SpoolStatistics;
import io.chronotrace.core.storage.StorageCheck;
import io.chronotrace.core.storage.StorageDescription;
import io.chronotrace.core.storage.TracePage;
import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.TraceStorageException;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceAttachment;
import io.chronotrace.core.trace.TraceId;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A remote storage (S3 today) that loses no trace while it cannot be reached: a trace the
 * remote refuses with a retryable failure (an outage, a timeout, throttling) is written to a
 * local spool instead, and a background drainer uploads spooled traces once the remote
 * answers again, also those an earlier run of the application left.
 * <p>
 * Once the remote has failed, traces go straight to the spool without trying the remote
 * (a circuit breaker), so a slow or dead remote holds up no writer thread; the drainer tries the
 * remote again after a second, doubling the wait up to the retry interval, and closes the
 * circuit when an upload succeeds. Until the
 * drainer has emptied the spool, new traces join it rather than compete with the drainer for
 * the remote: a recovering remote then sees one stream of uploads, and the writer, which only
 * writes to local disk meanwhile, keeps up with the requests instead of letting the queue fill.
 * The spool is bounded: when it is full, traces are dropped and counted. Failures that
 * spooling cannot help (a 4xx such as access denied) are thrown, as from the remote itself.
 * <p>
 * Listing, purge and sizes are the remote's; reading a trace or attachment falls back to the
 * spool, so that a trace recorded during an outage can be seen. {@link #statistics()} gives
 * the counts for metrics. {@link #start()} starts the drainer; {@link #close()} stops it,
 * leaving what is spooled for the next run.
 */
public final class SpoolingTraceStorage implements TraceStorage, Closeable {

	private static final Logger logger = LoggerFactory.getLogger(SpoolingTraceStorage.class);

	/** What a trace adds to the spool beside its attachments, before its size is known. */
	private static final long TRACE_ESTIMATE = 8 * 1024;

	private final TraceStorage remote;

	private final TraceStorage spool;

	private final SpoolSettings settings;

	private final SpoolDrainer drainer;

	private final AtomicLong spooled = new AtomicLong();

	private final AtomicLong uploaded = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private final AtomicLong dropped = new AtomicLong();

	private final AtomicLong spoolBytes = new AtomicLong();

	private final AtomicBoolean remoteDown = new AtomicBoolean();

	/** Whether the spool holds traces the drainer has yet to upload. */
	private final AtomicBoolean backlog = new AtomicBoolean();

	/**
	 * Creates a spooling storage; {@link #start()} starts its drainer.
	 * @param remote the storage traces belong in
	 * @param spool the local storage that keeps traces while the remote cannot be reached;
	 * kept across restarts
	 * @param settings the size bound and retry interval
	 */
	public SpoolingTraceStorage(TraceStorage remote, TraceStorage spool, SpoolSettings settings) {
		this.remote = remote;
		this.spool = spool;
		this.settings = settings;
		this.drainer = new SpoolDrainer(this, remote, spool, settings.retryInterval());
	}

	/**
	 * Starts the drainer thread, which first uploads what an earlier run left in the spool.
	 * @return this storage
	 */
	public SpoolingTraceStorage start() {
		long bytes = measureSpool();
		this.spoolBytes.set(bytes);
		this.backlog.set(bytes > 0);
		this.drainer.start();
		return this;
	}

	/** Stops the drainer; spooled traces stay for the next run. */
	@Override
	public void close() {
		this.drainer.close();
	}

	@Override
	public long store(Trace trace) {
		if (!this.remoteDown.get() && !this.backlog.get()) {
			try {
				return this.remote.store(trace);
			}
			catch (TraceStorageException ex) {
				if (!ex.isRetryable()) {
					this.failed.incrementAndGet();
					throw ex;
				}
				remoteFailed(ex);
			}
		}
		return spool(trace);
	}

	@Override
	public Optional<Trace> retrieve(TraceId id) {
		try {
			Optional<Trace> trace = this.remote.retrieve(id);
			return trace.isPresent() ? trace : this.spool.retrieve(id);
		}
		catch (TraceStorageException ex) {
			Optional<Trace> spooledTrace = this.spool.retrieve(id);
			if (spooledTrace.isPresent()) {
				return spooledTrace;
			}
			throw ex;
		}
	}

	@Override
	public TracePage list(TraceQuery query) {
		return this.remote.list(query);
	}

	@Override
	public boolean delete(TraceId id) {
		boolean spooledTrace = this.spool.delete(id);
		return this.remote.delete(id) || spooledTrace;
	}

	@Override
	public PurgeResult purgeOlderThan(Instant cutoff) {
		PurgeResult purgedFromSpool = this.spool.purgeOlderThan(cutoff);
		if (!purgedFromSpool.isEmpty()) {
			this.spoolBytes.set(measureSpool());
		}
		return this.remote.purgeOlderThan(cutoff).plus(purgedFromSpool);
	}

	@Override
	public StorageCheck check() {
		return withSpool(this.remote.check());
	}

	@Override
	public StorageCheck probe() {
		return withSpool(this.remote.probe());
	}

	private StorageCheck withSpool(StorageCheck check) {
		SpoolStatistics statistics = statistics();
		return check.withDetail("spool", this.spool.description().location())
			.withDetail("spoolBytes", statistics.spoolBytes())
			.withDetail("spoolMaxBytes", statistics.maxBytes())
			.withDetail("spooled", statistics.spooled())
			.withDetail("uploadedFromSpool", statistics.uploaded())
			.withDetail("spoolDropped", statistics.dropped());
	}

	@Override
	public Optional<InputStream> openAttachment(TraceId id, String name) {
		Optional<InputStream> attachment = this.remote.openAttachment(id, name);
		return attachment.isPresent() ? attachment : this.spool.openAttachment(id, name);
	}

	@Override
	public SortedMap<LocalDate, Long> sizeByDay() {
		return this.remote.sizeByDay();
	}

	@Override
	public StorageDescription description() {
		return this.remote.description();
	}

	@Override
	public Optional<SpoolStatistics> spoolStatistics() {
		return Optional.of(statistics());
	}

	/**
	 * The counts since start, and the spool's size now.
	 * @return the statistics
	 */
	public SpoolStatistics statistics() {
		return new SpoolStatistics(this.spooled.get(), this.uploaded.get(), this.failed.get(), this.dropped.get(),
				this.spoolBytes.get(), this.settings.maxBytes(), !this.remoteDown.get());
	}

	@Override
	public String toString() {
		return "SpoolingTraceStorage{remote=" + this.remote + ", spool=" + this.spool + "}";
	}

	private long spool(Trace trace) {
		long estimate = TRACE_ESTIMATE + trace.attachments().stream().mapToLong(TraceAttachment::size).sum();
		if (this.spoolBytes.addAndGet(estimate) > this.settings.maxBytes()) {
			this.spoolBytes.addAndGet(-estimate);
			long drops = this.dropped.incrementAndGet();
			if (drops == 1 || drops % 1000 == 0) {
				logger.warn("Trace spool {} is full ({} of {} bytes); {} traces dropped so far", this.spool.description().location(),
						this.spoolBytes.get(), this.settings.maxBytes(), drops);
			}
			throw new TraceStorageException("Trace " + trace.id() + " dropped: " + this.remote.description().type()
					+ " storage is unreachable and the spool is full (" + this.settings.maxBytes() + " bytes)", null,
					false);
		}
		try {
			long written = this.spool.store(trace);
			if (written > 0) {
				this.spoolBytes.addAndGet(written - estimate);
			}
			this.spooled.incrementAndGet();
			this.backlog.set(true);
			this.drainer.pending();
			return written;
		}
		catch (RuntimeException ex) {
			this.spoolBytes.addAndGet(-estimate);
			this.failed.incrementAndGet();
			throw new TraceStorageException("Trace " + trace.id() + " lost: " + this.remote.description().type()
					+ " storage is unreachable and the spool " + this.spool.description().location() + " could not be written: "
					+ ex.getMessage(), ex, false);
		}
	}

	/** Called when the remote failed with a retryable failure: opens the circuit. */
	void remoteFailed(@Nullable TraceStorageException ex) {
		if (this.remoteDown.compareAndSet(false, true)) {
			logger.warn("{} storage {} is unavailable ({}); spooling traces to {} and retrying, at most {} apart",
					this.remote.description().type(), this.remote.description().location(), (ex != null) ? ex.getMessage() : "check failed",
					this.spool.description().location(), this.settings.retryInterval());
		}
	}

	/** Called when the remote took a trace or passed its check: closes the circuit. */
	void remoteAvailable() {
		if (this.remoteDown.compareAndSet(true, false)) {
			logger.info("{} storage {} is available again; uploading spooled traces", this.remote.description().type(),
					this.remote.description().location());
		}
	}

	boolean isRemoteDown() {
		return this.remoteDown.get();
	}

	/**
	 * Called when a spooled trace was uploaded and deleted from the spool.
	 * @param bytes what the remote wrote for it: about what it held in the spool, so that the
	 * spool's size goes down as it drains (it is measured exactly at the end of each pass)
	 */
	void uploaded(long bytes) {
		this.uploaded.incrementAndGet();
		this.spoolBytes.updateAndGet((current) -> Math.max(0, current - Math.max(bytes, 0)));
	}

	/** Called when the drainer found the spool empty: new traces go to the remote again. */
	void caughtUp() {
		this.backlog.set(false);
	}

	void lost() {
		this.failed.incrementAndGet();
	}

	void remeasureSpool() {
		this.spoolBytes.set(measureSpool());
	}

	private long measureSpool() {
		try {
			return this.spool.sizeByDay().values().stream().mapToLong(Long::longValue).sum();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not measure the trace spool {}: {}", this.spool.description().location(), ex.getMessage());
			return this.spoolBytes.get();
		}
	}

}
