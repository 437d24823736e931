package io.chronotrace.core.storage.spool;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.chronotrace.core.storage.TraceStorageException;
import org.jspecify.annotations.Nullable;

/**
 * The background thread that empties a spool into the remote store it stands in for: the one
 * behaviour of both spools, the folder layout's in front of S3 and the segment layout's local
 * segments. It uploads what waits as soon as it is woken ({@link #wakeUp()}) and at least every
 * interval. While the remote fails it tries again after a second, doubling the wait up to the
 * retry interval ({@code chronotrace.s3.spool.retry-interval}), and a wake-up does not cut a
 * wait short then. Closing gives it until a deadline to upload what waits; what is left stays
 * in the spool for the next start.
 */
public abstract class SpoolUploader {

	private static final long FIRST_RETRY_MILLIS = 1000;

	private final String threadName;

	private final Duration interval;

	private final long maxRetryMillis;

	private final ReentrantLock signal = new ReentrantLock();

	private final Condition wake = this.signal.newCondition();

	/** Set by {@link #wakeUp()}, so that a wake-up during an attempt is not lost. */
	private final AtomicBoolean woken = new AtomicBoolean();

	private final AtomicLong failedAttempts = new AtomicLong();

	private volatile @Nullable String lastFailure;

	private volatile @Nullable Thread thread;

	private volatile long closingDeadline = Long.MAX_VALUE;

	private volatile boolean closing;

	/**
	 * Creates an uploader; {@link #start()} starts its thread.
	 * @param threadName the name of its daemon thread
	 * @param interval how often it looks for what waits when nothing wakes it
	 * @param retryInterval the longest wait between two attempts while the remote fails
	 */
	protected SpoolUploader(String threadName, Duration interval, Duration retryInterval) {
		this.threadName = threadName;
		this.interval = interval;
		this.maxRetryMillis = Math.max(1, retryInterval.toMillis());
	}

	/**
	 * Uploads what waits in the spool, oldest first, and removes it from the spool.
	 * @throws TraceStorageException when the remote fails: what is left waits for the next attempt
	 */
	protected abstract void uploadPending();

	/**
	 * Tells of an attempt that failed.
	 * @param ex the failure
	 * @param first whether the attempt before it succeeded: the start of an outage
	 */
	protected abstract void attemptFailed(RuntimeException ex, boolean first);

	/**
	 * Tells of an attempt that succeeded after attempts that failed: the end of an outage.
	 */
	protected abstract void recovered();

	/** Starts the daemon thread, which first uploads what an earlier run left. */
	public synchronized void start() {
		if (this.thread == null && !this.closing) {
			Thread started = new Thread(this::run, this.threadName);
			started.setDaemon(true);
			this.thread = started;
			started.start();
		}
	}

	/** Asks the thread to look for what waits now rather than at its next interval. */
	public void wakeUp() {
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
	 * Uploads what waits until nothing is left or the timeout passes, then stops the thread.
	 * @param timeout how long to keep trying; zero stops after the attempt in progress
	 */
	public void finish(Duration timeout) {
		this.closingDeadline = System.nanoTime() + timeout.toNanos();
		this.closing = true;
		wakeUp();
		Thread running;
		synchronized (this) {
			running = this.thread;
		}
		if (running == null) {
			if (!timeout.isZero()) {
				run(); // never started: try on the caller's thread, within the same deadline
			}
			return;
		}
		try {
			running.join(Math.max(1, timeout.toMillis() + 10_000));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (running.isAlive()) {
			running.interrupt();
		}
	}

	/**
	 * How many attempts failed since the start.
	 * @return the count
	 */
	public long failedAttempts() {
		return this.failedAttempts.get();
	}

	/**
	 * Why the last attempt failed.
	 * @return the reason, or {@code null} when the last attempt succeeded
	 */
	public @Nullable String lastFailure() {
		return this.lastFailure;
	}

	/**
	 * Whether closing has begun.
	 * @return whether {@link #finish} was called
	 */
	protected boolean isClosing() {
		return this.closing;
	}

	private void run() {
		long backoff = 0;
		while (true) {
			this.woken.set(false);
			boolean failed;
			try {
				uploadPending();
				failed = false;
				backoff = 0;
				if (this.lastFailure != null) {
					this.lastFailure = null;
					recovered();
				}
			}
			catch (RuntimeException ex) {
				failed = true;
				this.failedAttempts.incrementAndGet();
				attemptFailed(ex, this.lastFailure == null);
				this.lastFailure = String.valueOf(ex.getMessage());
				backoff = nextRetryMillis(backoff, this.maxRetryMillis);
			}
			if (this.closing && (!failed || System.nanoTime() >= this.closingDeadline)) {
				return;
			}
			long waitMillis = failed ? backoff : this.interval.toMillis();
			if (this.closing) {
				waitMillis = Math.min(waitMillis, Math.max(1, (this.closingDeadline - System.nanoTime()) / 1_000_000));
			}
			if (!sleep(waitMillis, failed)) {
				return;
			}
		}
	}

	/**
	 * How long to wait before the next attempt after one more failure.
	 * @param previousMillis the wait after the previous failure, 0 after a success
	 * @param maxMillis the retry interval
	 * @return one second after a success, then twice the previous wait, at most the interval
	 */
	public static long nextRetryMillis(long previousMillis, long maxMillis) {
		return Math.min((previousMillis == 0) ? FIRST_RETRY_MILLIS : previousMillis * 2, maxMillis);
	}

	/** Waits; a wake-up cuts the wait short, a retry's only when it asks to close. */
	private boolean sleep(long millis, boolean retrying) {
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
		this.signal.lock();
		try {
			while (true) {
				long left = deadline - System.nanoTime();
				if (left <= 0 || (this.woken.get() && (!retrying || this.closing))) {
					return true;
				}
				this.wake.awaitNanos(left);
			}
		}
		catch (InterruptedException ex) {
			return false;
		}
		finally {
			this.signal.unlock();
		}
	}

}
