package io.chronotrace.core.storage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

/**
 * Runs a storage's {@link TraceStorage#check()}, or its write {@link TraceStorage#probe()} when
 * asked, at most once per interval, on a background thread, and answers with the last result at
 * once: a health endpoint polled every few seconds costs the storage one check per interval,
 * and reading it never waits on storage (except for the very first result).
 */
public final class CachedStorageCheck {

	/** How often the check runs at most, by default. */
	public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

	private final TraceStorage storage;

	private final Duration interval;

	private final Clock clock;

	private final boolean writeProbe;

	private final AtomicBoolean refreshing = new AtomicBoolean();

	private volatile @Nullable Result last;

	/**
	 * Creates a cached check.
	 * @param storage the storage to check
	 * @param interval the least time between two probes
	 * @param clock the clock
	 * @param writeProbe whether to run the write probe rather than the cheap check
	 */
	public CachedStorageCheck(TraceStorage storage, Duration interval, Clock clock, boolean writeProbe) {
		this.storage = storage;
		this.interval = interval;
		this.clock = clock;
		this.writeProbe = writeProbe;
	}

	/**
	 * Creates a cached check of the cheap {@link TraceStorage#check()}.
	 * @param storage the storage to check
	 * @param interval the least time between two checks
	 * @param clock the clock
	 */
	public CachedStorageCheck(TraceStorage storage, Duration interval, Clock clock) {
		this(storage, interval, clock, false);
	}

	/**
	 * Creates a cached check with the {@link #DEFAULT_INTERVAL} and the system clock.
	 * @param storage the storage to check
	 * @param writeProbe whether to run the write probe rather than the cheap check
	 */
	public CachedStorageCheck(TraceStorage storage, boolean writeProbe) {
		this(storage, DEFAULT_INTERVAL, Clock.systemUTC(), writeProbe);
	}

	/**
	 * The last result: computed now only the first time; when older than the interval, a new
	 * probe starts in the background and the previous result is returned meanwhile.
	 * @return the result and when it was taken
	 */
	public Result current() {
		Result result = this.last;
		if (result == null) {
			synchronized (this) {
				result = this.last;
				if (result == null) {
					result = run();
				}
			}
			return result;
		}
		if (!result.checkedAt().plus(this.interval).isAfter(this.clock.instant()) && this.refreshing.compareAndSet(false, true)) {
			Thread thread = new Thread(() -> {
				try {
					run();
				}
				finally {
					this.refreshing.set(false);
				}
			}, "chronotrace-storage-check");
			thread.setDaemon(true);
			thread.start();
		}
		return result;
	}

	private Result run() {
		StorageCheck check;
		try {
			check = this.writeProbe ? this.storage.probe() : this.storage.check();
		}
		catch (RuntimeException ex) {
			// neither may throw; a backend that does is down, not a failed health endpoint
			check = StorageCheck.down(String.valueOf(ex.getMessage()));
		}
		Result result = new Result(check, this.clock.instant());
		this.last = result;
		return result;
	}

	/**
	 * The interval.
	 * @return the least time between two probes
	 */
	public Duration interval() {
		return this.interval;
	}

	/**
	 * A check result and when it was taken.
	 *
	 * @param check the result
	 * @param checkedAt when the probe finished
	 */
	public record Result(StorageCheck check, Instant checkedAt) {

		/**
		 * How old the result is.
		 * @param now the current instant
		 * @return its age
		 */
		public Duration age(Instant now) {
			return Duration.between(this.checkedAt, now);
		}

	}

}
