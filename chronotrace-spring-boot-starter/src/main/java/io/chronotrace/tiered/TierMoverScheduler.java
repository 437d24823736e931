package io.chronotrace.tiered;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

import io.chronotrace.core.storage.tiered.TierMover;
import io.chronotrace.core.support.RateLimitedLog;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Runs the {@link TierMover} every {@code chronotrace.tiered.move-interval} on a thread of its
 * own, from when the context starts until it stops. It stops early in the shutdown, right after
 * the web server, so that a pass never runs while the tiers' clients close; a pass cut short
 * loses nothing (a trace leaves the hot tier only once the cold tier has it).
 */
public final class TierMoverScheduler implements SmartLifecycle {

	/** Stops after the web server (graceful shutdown and stop), before anything else. */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private static final Logger logger = LoggerFactory.getLogger(TierMoverScheduler.class);

	private final TierMover mover;

	private final Duration interval;

	private final RateLimitedLog failures = new RateLimitedLog(logger, Duration.ofMinutes(5));

	private @Nullable ThreadPoolTaskScheduler scheduler;

	private @Nullable ScheduledFuture<?> schedule;

	/**
	 * Creates a scheduler; it runs once started.
	 * @param mover what to run
	 * @param interval the time between the end of a pass and the start of the next
	 */
	public TierMoverScheduler(TierMover mover, Duration interval) {
		this.mover = mover;
		this.interval = interval;
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
	public synchronized void start() {
		if (this.scheduler != null) {
			return;
		}
		ThreadPoolTaskScheduler created = new ThreadPoolTaskScheduler();
		created.setThreadNamePrefix("chronotrace-tier-mover-");
		created.setDaemon(true);
		created.setPoolSize(1);
		created.setWaitForTasksToCompleteOnShutdown(true);
		created.setAwaitTerminationSeconds(30);
		created.initialize();
		this.schedule = created.scheduleWithFixedDelay(this::moveNow, this.interval);
		this.scheduler = created;
	}

	@Override
	public synchronized void stop() {
		if (this.scheduler == null) {
			return;
		}
		if (this.schedule != null) {
			this.schedule.cancel(false);
		}
		this.scheduler.shutdown();
		this.scheduler = null;
		this.schedule = null;
	}

	@Override
	public synchronized boolean isRunning() {
		return this.scheduler != null;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
