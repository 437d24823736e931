package io.chronotrace.core.support;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * Logs a warning at most once per interval and says how many were suppressed in between, so
 * an outage that fails every trace does not flood the application's log.
 */
public final class RateLimitedLog {

	private final Logger logger;

	private final long intervalNanos;

	private final AtomicLong nextAllowed = new AtomicLong(Long.MIN_VALUE);

	private final AtomicLong suppressed = new AtomicLong();

	/**
	 * Creates a log.
	 * @param logger where warnings go
	 * @param interval the least time between two warnings
	 */
	public RateLimitedLog(Logger logger, Duration interval) {
		this.logger = logger;
		this.intervalNanos = interval.toNanos();
	}

	/**
	 * Logs a warning unless one was logged less than an interval ago. The stack trace is
	 * logged only at debug level: the message says what failed.
	 * @param message the message
	 * @param failure the cause
	 */
	public void warn(String message, @Nullable Throwable failure) {
		long now = System.nanoTime();
		long allowed = this.nextAllowed.get();
		if ((allowed != Long.MIN_VALUE && now - allowed < 0) || !this.nextAllowed.compareAndSet(allowed, now + this.intervalNanos)) {
			this.suppressed.incrementAndGet();
			return;
		}
		long skipped = this.suppressed.getAndSet(0);
		String suffix = (skipped > 0) ? " (" + skipped + " similar warnings suppressed)" : "";
		if (failure != null && this.logger.isDebugEnabled()) {
			this.logger.warn(message + suffix, failure);
		}
		else {
			this.logger.warn(message + suffix);
		}
	}

}
