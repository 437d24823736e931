package io.chronotrace.core.recording;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;

/**
 * Logs failures of recording code at most once per interval, so that a failure that repeats on
 * every request does not flood the application's log. Suppressed failures are counted and the
 * count is reported with the next logged one.
 */
public final class RateLimitedLogger {

	private final Logger logger;

	private final long intervalNanos;

	private final AtomicLong lastLogged;

	private final AtomicLong suppressed = new AtomicLong();

	/**
	 * Creates a logger that logs once per interval.
	 * @param logger the target
	 * @param interval the least time between two log records
	 */
	public RateLimitedLogger(Logger logger, Duration interval) {
		this.logger = logger;
		this.intervalNanos = interval.toNanos();
		this.lastLogged = new AtomicLong(System.nanoTime() - this.intervalNanos);
	}

	/**
	 * Logs a warning with its exception, unless one was logged within the interval.
	 * @param message what failed
	 * @param ex the failure
	 */
	public void warn(String message, Throwable ex) {
		long now = System.nanoTime();
		long last = this.lastLogged.get();
		if (now - last < this.intervalNanos || !this.lastLogged.compareAndSet(last, now)) {
			this.suppressed.incrementAndGet();
			return;
		}
		long suppressedCount = this.suppressed.getAndSet(0);
		if (suppressedCount > 0) {
			this.logger.warn("{} ({} similar failures not logged)", message, suppressedCount, ex);
		}
		else {
			this.logger.warn(message, ex);
		}
	}

}
