package io.chronotrace.core.support;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * The one way ChronoTrace throttles a warning that would otherwise repeat, so that an outage
 * that fails every trace, or a corrupt file met on every listing, does not flood the
 * application's log:
 * <ul>
 * <li>{@link #warn(String, Throwable)}: at most once per interval, saying how many were
 * suppressed in between;</li>
 * <li>{@link #warnOnce(Object, Supplier)}: once per key (a file, an object, a condition) until
 * the key is {@linkplain #forget(Object) forgotten}. The keys remembered are bounded: past
 * {@code maxKeys}, the least recently seen are forgotten and may be warned about again.</li>
 * </ul>
 * Thread-safe.
 */
public final class RateLimitedLog {

	/** How many keys {@link #warnOnce(Object, Supplier)} remembers unless told otherwise. */
	public static final int DEFAULT_MAX_KEYS = 10_000;

	private final Sink sink;

	private final long intervalNanos;

	private final AtomicLong nextAllowed = new AtomicLong(Long.MIN_VALUE);

	private final AtomicLong suppressed = new AtomicLong();

	/** Keys already warned about; guarded by itself. */
	private final Map<Object, Boolean> warned;

	/**
	 * Creates a log.
	 * @param logger where warnings go
	 * @param interval the least time between two warnings of {@link #warn(String, Throwable)}
	 */
	public RateLimitedLog(Logger logger, Duration interval) {
		this(loggerSink(logger), interval, DEFAULT_MAX_KEYS);
	}

	/**
	 * Creates a log that only warns once per key.
	 * @param logger where warnings go
	 * @param maxKeys the most keys remembered
	 * @return the log
	 */
	public static RateLimitedLog oncePerKey(Logger logger, int maxKeys) {
		return new RateLimitedLog(loggerSink(logger), Duration.ZERO, maxKeys);
	}

	/**
	 * Creates a log that only warns once per key, into a sink of messages.
	 * @param sink where warnings go
	 * @return the log
	 */
	public static RateLimitedLog oncePerKey(Consumer<String> sink) {
		return new RateLimitedLog((message, failure) -> sink.accept(message), Duration.ZERO, DEFAULT_MAX_KEYS);
	}

	private RateLimitedLog(Sink sink, Duration interval, int maxKeys) {
		this.sink = sink;
		this.intervalNanos = interval.toNanos();
		this.warned = new LinkedHashMap<>(64, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<Object, Boolean> eldest) {
				return size() > maxKeys;
			}

		};
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
		if ((allowed != Long.MIN_VALUE && now - allowed < 0)
				|| !this.nextAllowed.compareAndSet(allowed, now + this.intervalNanos)) {
			this.suppressed.incrementAndGet();
			return;
		}
		long skipped = this.suppressed.getAndSet(0);
		String suffix = (skipped > 0) ? " (" + skipped + " similar warnings suppressed)" : "";
		this.sink.warn(message + suffix, failure);
	}

	/**
	 * Logs a warning unless one was logged for the same key and the key was not forgotten since.
	 * @param key what the warning is about
	 * @param message the message, only made when it is logged
	 * @return whether it was logged
	 */
	public boolean warnOnce(Object key, Supplier<String> message) {
		boolean first;
		synchronized (this.warned) {
			first = this.warned.put(key, Boolean.TRUE) == null;
		}
		if (first) {
			this.sink.warn(message.get(), null);
		}
		return first;
	}

	/**
	 * Forgets a key, so that the next {@link #warnOnce(Object, Supplier)} for it logs again, such
	 * as once a failing condition has cleared.
	 * @param key the key
	 */
	public void forget(Object key) {
		synchronized (this.warned) {
			this.warned.remove(key);
		}
	}

	private static Sink loggerSink(Logger logger) {
		return (message, failure) -> {
			if (failure != null && logger.isDebugEnabled()) {
				logger.warn(message, failure);
			}
			else {
				logger.warn(message);
			}
		};
	}

	/** Where warnings go. */
	@FunctionalInterface
	private interface Sink {

		void warn(String message, @Nullable Throwable failure);

	}

}
