package io.chronotrace.core.storage.spool;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.TraceStorageException;
import io.chronotrace.core.support.RateLimitedLog;
import io.chronotrace.core.support.StoredAttachments;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.trace.TraceSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The uploader of a {@link SpoolingTraceStorage}: uploads spooled traces (attachments included)
 * to the remote and deletes them from the spool, a few at a time, stopping the pass at the first
 * failure; the {@link SpoolUploader} retries it after a second, doubling the wait up to the retry
 * interval. While the remote is known down, each attempt also probes it.
 */
final class SpoolDrainer extends SpoolUploader {

	private static final Logger logger = LoggerFactory.getLogger(SpoolDrainer.class);

	private static final int BATCH = 100;

	/** Uploads running at once: S3 latency, not bandwidth, bounds a single uploader. */
	private static final int PARALLEL_UPLOADS = 4;

	private static final String REFUSAL = "refusal";

	private final SpoolingTraceStorage owner;

	private final TraceStorage remote;

	private final TraceStorage spool;

	private final Duration interval;

	private final AtomicBoolean pending = new AtomicBoolean(true);

	/** Logs a refusal of the remote once, until an upload succeeds again. */
	private final RateLimitedLog refusals = RateLimitedLog.oncePerKey(logger, 1);

	private final ExecutorService uploads;

	SpoolDrainer(SpoolingTraceStorage owner, TraceStorage remote, TraceStorage spool, Duration interval) {
		super("chronotrace-spool-drainer", interval, interval);
		this.owner = owner;
		this.remote = remote;
		this.spool = spool;
		this.interval = interval;
		AtomicInteger count = new AtomicInteger();
		this.uploads = Executors.newFixedThreadPool(PARALLEL_UPLOADS, (task) -> {
			Thread uploader = new Thread(task, "chronotrace-spool-upload-" + count.incrementAndGet());
			uploader.setDaemon(true);
			return uploader;
		});
	}

	/** Notes that a trace was spooled, for the next attempt. */
	void pending() {
		this.pending.set(true);
		if (!this.owner.isRemoteDown()) {
			wakeUp();
		}
	}

	/** Stops after the attempt in progress; spooled traces stay for the next run. */
	void close() {
		this.uploads.shutdownNow();
		finish(Duration.ZERO);
	}

	@Override
	protected void uploadPending() {
		if (this.pending.get() || this.owner.isRemoteDown()) {
			drain();
		}
	}

	@Override
	protected void attemptFailed(RuntimeException ex, boolean first) {
		this.pending.set(true);
		if (!(ex instanceof TraceStorageException)) {
			logger.warn("Trace spool {}: draining failed, retrying: {}", this.spool.description().location(), ex.toString());
		}
	}

	@Override
	protected void recovered() {
		// the storage logs when the remote is available again
	}

	/**
	 * One pass: uploads spooled traces until the spool is empty or an upload fails.
	 * @throws TraceStorageException when some traces stay because an upload failed
	 */
	private void drain() {
		this.pending.set(false);
		int uploaded = 0;
		try {
			while (!this.uploads.isShutdown()) {
				// no scan limit: an empty page must mean an empty spool
				List<TraceSummary> batch = this.spool
					.list(TraceQuery.builder().limit(BATCH).scanLimit(TraceQuery.NO_SCAN_LIMIT).build())
					.items();
				if (batch.isEmpty()) {
					if (this.owner.isRemoteDown() && this.remote.check().up()) {
						this.owner.remoteAvailable();
					}
					if (!this.owner.isRemoteDown()) {
						this.owner.caughtUp();
					}
					return;
				}
				int done = uploadBatch(batch);
				uploaded += done;
				if (done < batch.size()) {
					this.pending.set(true);
					throw new TraceStorageException(batch.size() - done + " spooled traces could not be uploaded to "
							+ this.remote.description().type() + " storage; they wait in "
							+ this.spool.description().location(), null, true);
				}
			}
		}
		finally {
			if (uploaded > 0) {
				this.owner.remeasureSpool();
				logger.info("Uploaded {} spooled traces to {} storage {}", uploaded, this.remote.description().type(),
						this.remote.description().location());
			}
		}
	}

	/**
	 * Uploads a batch: the first trace alone, as a probe of the remote, then the others in
	 * parallel; after a failure the remaining ones are left for the next pass.
	 * @return how many were uploaded
	 */
	private int uploadBatch(List<TraceSummary> batch) {
		if (this.uploads.isShutdown() || !upload(batch.get(0).id())) {
			return 0;
		}
		AtomicBoolean failed = new AtomicBoolean();
		List<Callable<Boolean>> tasks = batch.subList(1, batch.size())
			.stream()
			.map((summary) -> (Callable<Boolean>) () -> {
				if (this.uploads.isShutdown() || failed.get()) {
					return false;
				}
				boolean done = upload(summary.id());
				if (!done) {
					failed.set(true);
				}
				return done;
			})
			.toList();
		int uploaded = 1;
		try {
			for (Future<Boolean> result : this.uploads.invokeAll(tasks)) {
				uploaded += result.get() ? 1 : 0;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | RejectedExecutionException ex) {
			throw new IllegalStateException("Spool upload failed", ex);
		}
		return uploaded;
	}

	/**
	 * Uploads one spooled trace and deletes it from the spool.
	 * @return whether the pass may go on
	 */
	private boolean upload(TraceId id) {
		Optional<Trace> spooled = this.spool.retrieve(id);
		if (spooled.isEmpty()) {
			logger.warn("Spooled trace {} in {} cannot be read; deleting it", id, this.spool.description().location());
			this.spool.delete(id);
			this.owner.lost();
			return true;
		}
		Trace trace = StoredAttachments.withAttachments(this.spool, spooled.get());
		long bytes;
		try {
			bytes = this.remote.store(trace);
		}
		catch (TraceStorageException ex) {
			if (ex.isRetryable()) {
				this.owner.remoteFailed(ex);
			}
			else {
				this.refusals.warnOnce(REFUSAL, () -> this.remote.description().type() + " storage refused spooled trace " + id
						+ "; keeping spooled traces and retrying, at most " + this.interval + " apart: " + ex.getMessage());
			}
			return false;
		}
		finally {
			trace.releaseAttachments();
		}
		this.refusals.forget(REFUSAL);
		this.spool.delete(id);
		this.owner.uploaded(bytes);
		this.owner.remoteAvailable();
		return true;
	}

}
