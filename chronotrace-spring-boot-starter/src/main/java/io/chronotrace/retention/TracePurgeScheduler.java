package io.chronotrace.retention;

import java.util.concurrent.ScheduledFuture;

import io.chronotrace.core.retention.PurgeResult;
import io.chronotrace.core.retention.TracePurger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;

/**
 * Runs the {@link TracePurger} on the {@code chronotrace.purge-cron} schedule, on a scheduler
 * of its own: the application needs no {@code @EnableScheduling}, and ChronoTrace's scheduler
 * is not a bean, so it never becomes the application's {@code TaskScheduler}.
 */
public final class TracePurgeScheduler implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(TracePurgeScheduler.class);

	private final TracePurger purger;

	private final ThreadPoolTaskScheduler scheduler;

	private final ScheduledFuture<?> schedule;

	private volatile @Nullable PurgeResult lastResult;

	/**
	 * Starts the schedule.
	 * @param purger what to run
	 * @param cron the cron expression (six fields)
	 */
	public TracePurgeScheduler(TracePurger purger, String cron) {
		this.purger = purger;
		this.scheduler = new ThreadPoolTaskScheduler();
		this.scheduler.setThreadNamePrefix("chronotrace-purge-");
		this.scheduler.setDaemon(true);
		this.scheduler.setPoolSize(1);
		this.scheduler.initialize();
		this.schedule = this.scheduler.schedule(this::purge, new CronTrigger(cron));
	}

	/**
	 * Runs one purge now; failures are logged, never thrown, so the schedule survives them.
	 * @return what was purged, or {@code null} when the purge failed
	 */
	public @Nullable PurgeResult purge() {
		try {
			PurgeResult result = this.purger.purge();
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
	public @Nullable PurgeResult lastResult() {
		return this.lastResult;
	}

	@Override
	public void destroy() {
		this.schedule.cancel(false);
		this.scheduler.shutdown();
	}

}
