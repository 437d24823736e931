package io.chronotrace.core.storage.spool;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.TraceStorageException;
import io.chronotrace.core.support.RateLimitedLog;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceAttachment;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.trace.TraceSummary;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon thread of a {@link SpoolingTraceStorage}: every retry interval, while traces wait
 * in the spool or the remote is down, it uploads spooled traces (attachments included) to the
 * remote and deletes them from the spool, a few at a time, stopping the pass at the first
 * failure.
 */
final class SpoolDrainer implements Runnable {

	private static final Logger logger = LoggerFactory.getLogger(SpoolDrainer.class);

	private static final int BATCH = 100;

	/** Uploads running at once: S3 latency, not bandwidth, bounds a single uploader. */
	private static final int PARALLEL_UPLOADS = 4;

	private static final String REFUSAL = "refusal";

	private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(10);

	private final SpoolingTraceStorage owner;

	private final TraceStorage remote;

	private final TraceStorage spool;

	private final Duration interval;

	private final AtomicBoolean pending = new AtomicBoolean(true);

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition wakeUp = this.lock.newCondition();

	private volatile boolean closed;

	/** Logs a refusal of the remote once, until an upload succeeds again. */
	private final RateLimitedLog refusals = RateLimitedLog.oncePerKey(logger, 1);

	private @Nullable Thread thread;

	private @Nullable ExecutorService uploads;

	SpoolDrainer(SpoolingTraceStorage owner, TraceStorage remote, TraceStorage spool, Duration interval) {
		this.owner = owner;
		this.remote = remote;
		this.spool = spool;
		this.interval = interval;
	}

	synchronized void start() {
		if (this.thread == null && !this.closed) {
			Thread drainer = new Thread(this, "chronotrace-spool-drainer");
			drainer.setDaemon(true);
			this.thread = drainer;
			AtomicInteger count = new AtomicInteger();
			this.uploads = Executors.newFixedThreadPool(PARALLEL_UPLOADS, (task) -> {
				Thread uploader = new Thread(task, "chronotrace-spool-upload-" + count.incrementAndGet());
				uploader.setDaemon(true);
				return uploader;
			});
			drainer.start();
		}
	}

	/** Notes that a trace was spooled, for the next pass. */
	void pending() {
		this.pending.set(true);
	}

	void close() {
		Thread drainer;
		synchronized (this) {
			this.closed = true;
			drainer = this.thread;
			if (this.uploads != null) {
				this.uploads.shutdownNow();
			}
		}
		if (drainer != null) {
			this.lock.lock();
			try {
				this.wakeUp.signalAll();
			}
			finally {
				this.lock.unlock();
			}
			drainer.interrupt();
			try {
				drainer.join(JOIN_TIMEOUT.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public void run() {
		while (!this.closed) {
			try {
				if (this.pending.get() || this.owner.isRemoteDown()) {
					drain();
				}
				sleep();
			}
			catch (InterruptedException ex) {
				if (this.closed) {
					return;
				}
			}
			catch (RuntimeException ex) {
				this.pending.set(true);
				logger.warn("Trace spool {}: draining failed, retrying in {}: {}", this.spool.description().location(), this.interval,
						ex.toString());
				sleepQuietly();
			}
		}
	}

	/**
	 * One pass: uploads spooled traces until the spool is empty or an upload fails.
	 */
	private void drain() {
		this.pending.set(false);
		int uploaded = 0;
		try {
			while (!this.closed) {
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
					return;
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
		if (this.closed || !upload(batch.get(0).id())) {
			return 0;
		}
		AtomicBoolean failed = new AtomicBoolean();
		List<Callable<Boolean>> tasks = batch.subList(1, batch.size())
			.stream()
			.map((summary) -> (Callable<Boolean>) () -> {
				if (this.closed || failed.get()) {
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
		List<TraceAttachment> attachments = copyAttachments(spooled.get());
		long bytes;
		try {
			Trace trace = spooled.get();
			bytes = this.remote.store(new Trace(trace.schemaVersion(), trace.id(), trace.startTime(), trace.durationMicros(),
					trace.application(), trace.request(), trace.response(), trace.exception(), trace.events(),
					trace.droppedEvents(), trace.tracing(), attachments));
		}
		catch (TraceStorageException ex) {
			if (ex.isRetryable()) {
				this.owner.remoteFailed(ex);
			}
			else {
				this.refusals.warnOnce(REFUSAL, () -> this.remote.description().type() + " storage refused spooled trace " + id
						+ "; keeping spooled traces and retrying every " + this.interval + ": " + ex.getMessage());
			}
			return false;
		}
		finally {
			attachments.forEach(TraceAttachment::release);
		}
		this.refusals.forget(REFUSAL);
		this.spool.delete(id);
		this.owner.uploaded(bytes);
		this.owner.remoteAvailable();
		return true;
	}

	private List<TraceAttachment> copyAttachments(Trace trace) {
		List<TraceAttachment> copies = new ArrayList<>();
		try {
			for (String name : trace.referencedAttachments()) {
				Optional<InputStream> content = this.spool.openAttachment(trace.id(), name);
				if (content.isEmpty()) {
					logger.warn("Spooled trace {} refers to attachment {} that the spool does not hold", trace.id(),
							name);
					continue;
				}
				Path file = Files.createTempFile("chronotrace-spool-", ".tmp");
				try (InputStream in = content.get()) {
					Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
				}
				copies.add(new TraceAttachment(name, file, Files.size(file)));
			}
			return copies;
		}
		catch (IOException ex) {
			copies.forEach(TraceAttachment::release);
			throw new UncheckedIOException("Could not copy the attachments of spooled trace " + trace.id(), ex);
		}
	}

	private void sleep() throws InterruptedException {
		this.lock.lock();
		try {
			if (!this.closed) {
				this.wakeUp.await(this.interval.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	private void sleepQuietly() {
		try {
			sleep();
		}
		catch (InterruptedException ex) {
			// closed, or the next pass comes sooner
		}
	}

}
