package io.chronotrace.retention;

import java.util.concurrent.ScheduledFuture;

import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Runs one storage task on a schedule, on a daemon thread of its own: the application needs no
 * {@code @EnableScheduling}, and the scheduler is not a bean, so it never becomes the
 * application's {@code TaskScheduler}. The schedule follows the context's lifecycle: it starts
 * once the context is refreshed, so no task runs while the application is still starting, and
 * stops when the context stops or closes. A run that fails is logged by the subclass, never
 * thrown, so the schedule survives it.
 */
public abstract class StorageTaskScheduler implements SmartLifecycle {

	private final String threadNamePrefix;

	private final boolean waitOnStop;

	private @Nullable ThreadPoolTaskScheduler scheduler;

	private @Nullable ScheduledFuture<?> schedule;

	/**
	 * Creates a scheduler; it schedules nothing until {@link #start()}.
	 * @param threadNamePrefix the name of its thread, such as {@code chronotrace-purge-}
	 * @param waitOnStop whether stopping waits (up to 30 seconds) for a run in progress
	 */
	protected StorageTaskScheduler(String threadNamePrefix, boolean waitOnStop) {
		this.threadNamePrefix = threadNamePrefix;
		this.waitOnStop = waitOnStop;
	}

	/**
	 * Schedules the task.
	 * @param scheduler the scheduler of its own thread
	 * @return the schedule, cancelled on stop
	 */
	protected abstract ScheduledFuture<?> schedule(TaskScheduler scheduler);

	@Override
	public synchronized void start() {
		if (this.scheduler != null) {
			return;
		}
		ThreadPoolTaskScheduler created = new ThreadPoolTaskScheduler();
		created.setThreadNamePrefix(this.threadNamePrefix);
		created.setDaemon(true);
		created.setPoolSize(1);
		if (this.waitOnStop) {
			created.setWaitForTasksToCompleteOnShutdown(true);
			created.setAwaitTerminationSeconds(30);
		}
		created.initialize();
		this.scheduler = created;
		this.schedule = schedule(created);
	}

	@Override
	public synchronized void stop() {
		if (this.schedule != null) {
			this.schedule.cancel(false);
		}
		if (this.scheduler != null) {
			this.scheduler.shutdown();
		}
		this.schedule = null;
		this.scheduler = null;
	}

	@Override
	public synchronized boolean isRunning() {
		return this.scheduler != null;
	}

}
