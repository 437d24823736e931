package io.chronotrace.retention;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

import io.chronotrace.core.storage.tiered.TierMover;
import io.chronotrace.core.support.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;

/**
 * Runs the {@link TierMover} every {@code chronotrace.tiered.move-interval}. It stops early in
 * the shutdown, right after the web server, so that a pass never runs while the tiers' clients
 * close; stopping waits for a pass in progress, and a pass cut short loses nothing (a trace
 * leaves the hot tier only once the cold tier has it).
 */
public final class TierMoverScheduler extends StorageTaskScheduler {

	/** Stops after the web server (graceful shutdown and stop), before anything else. */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private static final Logger logger = LoggerFactory.getLogger(TierMoverScheduler.class);

	private final TierMover mover;

	private final Duration interval;

	private final RateLimitedLog failures = new RateLimitedLog(logger, Duration.ofMinutes(5));

	/**
	 * Creates a scheduler; it runs once started.
	 * @param mover what to run
	 * @param interval the time between the end of a pass and the start of the next
	 */
	public TierMoverScheduler(TierMover mover, Duration interval) {
		super("chronotrace-tier-mover-", true);
		this.mover = mover;
		this.interval = interval;
	}

	@Override
	protected ScheduledFuture<?> schedule(TaskScheduler scheduler) {
		return scheduler.scheduleWithFixedDelay(this::moveNow, this.interval);
	}

	/**
	 * Runs one pass now; failures are logged, never thrown, so the schedule survives them.
	 * @return the traces moved, or -1 when the pass failed
	 */
	public int moveNow() {
		try {
			return this.mover.moveDue();
		}
		catch (RuntimeException ex) {
			this.failures.warn("Moving traces to the cold tier failed; they stay in the hot tier and the next pass "
					+ "retries: " + ex.getMessage(), ex);
			return -1;
		}
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
