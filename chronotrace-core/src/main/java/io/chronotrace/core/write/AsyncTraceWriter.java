package io.chronotrace.core.write;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.chronotrace.core.support.RateLimitedLog;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.write.TraceWriterListener.DropReason;
import io.chronotrace.core.write.WriterSettings.QueueFallback;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores traces on background threads through a bounded queue, so that the request thread
 * never waits on storage.
 * <p>
 * Each writer thread, once a trace arrives, lets more gather for {@link #LINGER_NANOS} (2 ms),
 * then takes what is queued, up to {@link #MAX_BATCH_TRACES} traces or
 * {@link #MAX_BATCH_BYTES} of estimated footprint, and hands it to the
 * storage in one {@link io.chronotrace.core.storage.TraceStorage#storeAll} call, so that a
 * backend pays its fixed costs per batch rather than per trace.
 * <p>
 * The queue is bounded by count and by the memory its traces hold. When it is full, the
 * {@link QueueFallback} decides: drop the trace (counted and logged) or make the request
 * thread wait for room (and store the trace itself if the writer threads are stuck). {@link #close()} stops taking traces and drains the queue within the
 * shutdown timeout, so a graceful shutdown loses no trace that was accepted.
 */
public final class AsyncTraceWriter implements TraceWriter, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(AsyncTraceWriter.class);

	/** The most traces a writer thread hands to the storage in one call. */
	static final int MAX_BATCH_TRACES = 256;

	/** The most estimated footprint ({@link TraceFootprint}) a batch holds, unless one trace alone is larger. */
	static final long MAX_BATCH_BYTES = 4L * 1024 * 1024;

	/**
	 * How long a writer thread that woke for a trace lets more gather before it takes the batch,
	 * unless a full batch is queued already. Without it, a writer that keeps up wakes for every
	 * trace or two: each request thread then pays for waking it, and the storage pays its
	 * per-batch costs (a write, an index frame, a compressed block) for one trace. The delay adds
	 * at most this much to the time before a trace reaches the storage.
	 */
	static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

	private final StoringTraceWriter storer;

	private final TraceWriterListener listener;

	private final WriterSettings settings;

	private final BlockingQueue<Queued> queue;

	private final AtomicLong queuedBytes = new AtomicLong();

	private final AtomicLong dropped = new AtomicLong();

	private final List<Thread> threads = new ArrayList<>();

	private final RateLimitedLog dropLog = new RateLimitedLog(logger, Duration.ofSeconds(30));

	/** Traces taken into the queue; counted before they enter it, so never behind {@link #settled}. */
	private final AtomicLong accepted = new AtomicLong();

	/** Traces the queue let go of: stored, failed, dropped at shutdown, or taken back. */
	private final AtomicLong settled = new AtomicLong();

	/** What {@link #awaitStored} waits on; notified only while someone waits. */
	private final Object settledSignal = new Object();

	private volatile int waiting;

	private volatile boolean closed;

	/**
	 * Creates a writer and starts its threads.
	 * @param storer stores one trace
	 * @param settings the queue settings
	 * @param listener what to tell about each trace
	 */
	public AsyncTraceWriter(StoringTraceWriter storer, WriterSettings settings, TraceWriterListener listener) {
		this.storer = storer;
		this.settings = settings;
		this.listener = listener;
		this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
		for (int i = 0; i < settings.threads(); i++) {
			Thread thread = new Thread(this::run, "chronotrace-writer-" + (i + 1));
			thread.setDaemon(true);
			this.threads.add(thread);
			thread.start();
		}
	}

	@Override
	public void write(Trace trace) {
		write(PendingTrace.of(trace));
	}

	/**
	 * Queues a trace whose last work (scrubbing its bodies, formatting its exception) a writer
	 * thread does, off the request thread; the caller does it only when the trace is stored on
	 * its thread (a shutdown, or the sync fallback once the wait is over).
	 * @param pending the trace
	 */
	@Override
	public void write(PendingTrace pending) {
		this.listener.recorded();
		if (this.closed) {
			// late requests of a shutdown: nothing will drain the queue any more
			storeNow(pending);
			return;
		}
		Queued queued = new Queued(pending, pending.footprint());
		this.accepted.incrementAndGet();
		if (enqueue(queued)) {
			return;
		}
		boolean queuedAfterWaiting = false;
		try {
			if (this.closed) {
				storeNow(pending);
			}
			else if (this.settings.fallback() != QueueFallback.SYNC) {
				drop(pending, DropReason.QUEUE_FULL);
			}
			else if (enqueueWaiting(queued, this.settings.syncWait().toNanos())) {
				queuedAfterWaiting = true;
			}
			else {
				storeNow(pending);
			}
		}
		finally {
			if (!queuedAfterWaiting) {
				settle(1);
			}
		}
	}

	/**
	 * Waits until the traces queued before this call have left the queue: stored, failed or
	 * dropped. With several writer threads, traces queued later that are stored first count
	 * too, so the wait may end a batch early.
	 */
	@Override
	public boolean awaitStored(Duration timeout) {
		long target = this.accepted.get();
		if (this.settled.get() >= target) {
			return true;
		}
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.settledSignal) {
			this.waiting++;
			try {
				while (this.settled.get() < target) {
					long remaining = deadline - System.nanoTime();
					if (remaining <= 0) {
						return false;
					}
					TimeUnit.NANOSECONDS.timedWait(this.settledSignal, remaining);
				}
				return true;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
			finally {
				this.waiting--;
			}
		}
	}

	private void settle(int traces) {
		this.settled.addAndGet(traces);
		// the waiter counts itself before it reads settled: one of the two sees the other
		if (this.waiting > 0) {
			synchronized (this.settledSignal) {
				this.settledSignal.notifyAll();
			}
		}
	}

	private void storeNow(PendingTrace pending) {
		Trace trace = completed(pending);
		if (trace != null) {
			this.storer.store(trace);
		}
	}

	/** The finished trace; {@code null} when finishing it failed, which is counted and logged. */
	private @Nullable Trace completed(PendingTrace pending) {
		try {
			return pending.complete();
		}
		catch (RuntimeException ex) {
			pending.discard();
			this.listener.failed(ex);
			this.dropLog.warn("Could not finish trace " + pending.id() + "; it is dropped", ex);
			return null;
		}
	}

	private boolean enqueue(Queued queued) {
		if (!reserve(queued.footprint())) {
			return false;
		}
		if (this.queue.offer(queued)) {
			return stillQueued(queued);
		}
		this.queuedBytes.addAndGet(-queued.footprint());
		return false;
	}

	/** Waits for room in the queue, up to a timeout: the backpressure of the sync fallback. */
	private boolean enqueueWaiting(Queued queued, long timeoutNanos) {
		long deadline = System.nanoTime() + timeoutNanos;
		while (!this.closed) {
			long remaining = deadline - System.nanoTime();
			if (remaining <= 0) {
				return false;
			}
			if (!reserve(queued.footprint())) {
				LockSupport.parkNanos(Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(1)));
				continue;
			}
			try {
				if (this.queue.offer(queued, Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(10)),
						TimeUnit.NANOSECONDS)) {
					return stillQueued(queued);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.queuedBytes.addAndGet(-queued.footprint());
				return false;
			}
			this.queuedBytes.addAndGet(-queued.footprint());
		}
		return false;
	}

	/**
	 * Whether a trace just queued will be stored by the writer threads: close() may have
	 * drained the queue already, in which case it is taken back for the caller to store.
	 */
	private boolean stillQueued(Queued queued) {
		if (this.closed && this.queue.remove(queued)) {
			this.queuedBytes.addAndGet(-queued.footprint());
			return false;
		}
		return true;
	}

	private boolean reserve(long footprint) {
		long limit = this.settings.queueMemoryLimit();
		while (true) {
			long current = this.queuedBytes.get();
			// one trace alone may exceed the limit rather than never fit
			if (current > 0 && current + footprint > limit) {
				return false;
			}
			if (this.queuedBytes.compareAndSet(current, current + footprint)) {
				return true;
			}
		}
	}

	private void drop(PendingTrace trace, DropReason reason) {
		long drops = this.dropped.incrementAndGet();
		this.listener.dropped(reason);
		trace.discard();
		String why = (reason == DropReason.QUEUE_FULL)
				? "the queue is full (" + this.queue.size() + " traces, chronotrace.queue-capacity="
						+ this.settings.queueCapacity() + "; chronotrace.queue-fallback=sync stores on the request thread instead)"
				: "the writer shut down before it could be stored";
		this.dropLog.warn("Dropped trace " + trace.id() + ": " + why + "; " + drops + " dropped so far",
				null);
	}

	private void run() {
		while (true) {
			Queued next;
			try {
				next = this.queue.poll(200, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			if (next == null) {
				if (this.closed) {
					return;
				}
				continue;
			}
			if (!this.closed && this.queue.size() < MAX_BATCH_TRACES) {
				// parked outside the queue's lock: producers meanwhile enqueue without waking anyone
				LockSupport.parkNanos(this, LINGER_NANOS);
			}
			List<Queued> batch = drainBatch(next);
			List<Trace> traces = new ArrayList<>(batch.size());
			long footprint = 0;
			for (Queued queued : batch) {
				Trace trace = completed(queued.pending());
				if (trace != null) {
					traces.add(trace);
				}
				footprint += queued.footprint();
			}
			try {
				if (!traces.isEmpty()) {
					this.storer.storeAll(traces);
				}
			}
			finally {
				this.queuedBytes.addAndGet(-footprint);
				settle(batch.size());
			}
		}
	}

	/** Takes what is queued behind the first trace, up to the batch bounds, without waiting. */
	private List<Queued> drainBatch(Queued first) {
		List<Queued> batch = new ArrayList<>();
		batch.add(first);
		long bytes = first.footprint();
		while (batch.size() < MAX_BATCH_TRACES && bytes < MAX_BATCH_BYTES) {
			Queued next = this.queue.peek();
			if (next == null || (bytes + next.footprint() > MAX_BATCH_BYTES)) {
				break;
			}
			next = this.queue.poll();
			if (next == null) {
				break;
			}
			batch.add(next);
			bytes += next.footprint();
		}
		return batch;
	}

	/**
	 * How many traces wait in the queue.
	 * @return the queue depth
	 */
	public int queueDepth() {
		return this.queue.size();
	}

	/**
	 * How many traces were dropped since start.
	 * @return the count
	 */
	public long droppedCount() {
		return this.dropped.get();
	}

	/**
	 * The settings.
	 * @return the settings
	 */
	public WriterSettings settings() {
		return this.settings;
	}

	/**
	 * Stops taking traces into the queue and waits up to the shutdown timeout for the writer
	 * threads to store what is queued. Traces still queued after that are dropped, counted and
	 * logged.
	 */
	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		int pending = this.queue.size();
		if (pending > 0) {
			logger.info("Storing {} queued traces before shutdown", pending);
		}
		long deadline = System.nanoTime() + this.settings.shutdownTimeout().toNanos();
		for (Thread thread : this.threads) {
			long remaining = deadline - System.nanoTime();
			try {
				if (remaining > 0) {
					thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)));
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		List<Queued> left = new ArrayList<>();
		this.queue.drainTo(left);
		for (Queued queued : left) {
			this.queuedBytes.addAndGet(-queued.footprint());
			drop(queued.pending(), DropReason.SHUTDOWN);
		}
		settle(left.size());
		if (!left.isEmpty()) {
			logger.warn("Dropped {} queued traces: storage did not take them within chronotrace.shutdown-timeout={}",
					left.size(), this.settings.shutdownTimeout());
		}
		for (Thread thread : this.threads) {
			thread.interrupt();
		}
	}

	private record Queued(PendingTrace pending, long footprint) {
	}

}
