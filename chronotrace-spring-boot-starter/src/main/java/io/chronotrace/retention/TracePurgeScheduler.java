package io.chronotrace.retention;

import java.util.concurrent.ScheduledFuture;

import io.chronotrace.core.retention.RetentionResult;
import io.chronotrace.core.retention.TracePurger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;

/**
 * Runs the {@link TracePurger} on the {@code chronotrace.purge-cron} schedule, on a scheduler
 * of its own: the application needs no {@code @EnableScheduling}, and ChronoTrace's scheduler
 * is not a bean, so it never becomes the application's {@code TaskScheduler}. The schedule
 * follows the context's lifecycle: it starts once the context is refreshed, so no purge runs
 * while the application is still starting, and stops when the context stops or closes.
 */
public final class TracePurgeScheduler implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(TracePurgeScheduler.class);

	private final TracePurger purger;

	private final String cron;

	private @Nullable ThreadPoolTaskScheduler scheduler;

	private @Nullable ScheduledFuture<?> schedule;

	private volatile @Nullable RetentionResult lastResult;

	/**
	 * Creates the scheduler; it schedules nothing until {@link #start()}.
	 * @param purger what to run
	 * @param cron the cron expression (six fields)
	 */
	public TracePurgeScheduler(TracePurger purger, String cron) {
		this.purger = purger;
		this.cron = cron;
	}

	@Override
	public synchronized void start() {
		if (this.scheduler != null) {
			return;
		}
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setThreadNamePrefix("chronotrace-purge-");
		scheduler.setDaemon(true);
		scheduler.setPoolSize(1);
		scheduler.initialize();
		this.scheduler = scheduler;
		this.schedule = scheduler.schedule(this::purge, new CronTrigger(this.cron));
	}

	@Override
	public synchronized void stop() {
		ScheduledFuture<?> schedule = this.schedule;
		if (schedule != null) {
			schedule.cancel(false);
		}
		ThreadPoolTaskScheduler scheduler = this.scheduler;
		if (scheduler != null) {
			scheduler.shutdown();
		}
		this.schedule = null;
		this.scheduler = null;
	}

	@Override
	public synchronized boolean isRunning() {
		return this.scheduler != null;
	}

	/**
	 * Runs one purge now; failures are logged, never thrown, so the schedule survives them.
	 * @return what was purged, or {@code null} when the purge failed
	 */
	public @Nullable RetentionResult purge() {
		try {
			RetentionResult result = this.purger.purge();
			this.lastResult = result;
			return result;
		}
		catch (RuntimeException ex) {
			logger.warn("Trace purge failed: {}", ex.getMessage(), ex);
			return null;
		}
	}

	/**
	 * The result of the last successful purge.
	 * @return the result, or {@code null} before the first
	 */
	public @Nullable RetentionResult lastResult() {
		return this.lastResult;
	}

}
