package io.chronotrace.retention;

import java.util.concurrent.ScheduledFuture;

import io.chronotrace.core.retention.RetentionResult;
import io.chronotrace.core.retention.TracePurger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.support.CronTrigger;

/**
 * Runs the {@link TracePurger} on the {@code chronotrace.purge-cron} schedule.
 */
public final class TracePurgeScheduler extends StorageTaskScheduler {

	private static final Logger logger = LoggerFactory.getLogger(TracePurgeScheduler.class);

	private final TracePurger purger;

	private final String cron;

	private volatile @Nullable RetentionResult lastResult;

	/**
	 * Creates the scheduler; it schedules nothing until {@link #start()}.
	 * @param purger what to run
	 * @param cron the cron expression (six fields)
	 */
	public TracePurgeScheduler(TracePurger purger, String cron) {
		super("chronotrace-purge-", false);
		this.purger = purger;
		this.cron = cron;
	}

	@Override
	protected ScheduledFuture<?> schedule(TaskScheduler scheduler) {
		return scheduler.schedule(this::purge, new CronTrigger(this.cron));
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
