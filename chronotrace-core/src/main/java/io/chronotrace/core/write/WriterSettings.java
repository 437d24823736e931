package io.chronotrace.core.write;

import java.time.Duration;

/**
 * How the {@link AsyncTraceWriter} queues traces.
 *
 * @param queueCapacity the most traces waiting
 * @param queueMemoryLimit the most captured body bytes that waiting traces may hold
 * @param threads the number of writer threads
 * @param fallback what to do when the queue is full
 * @param shutdownTimeout how long closing waits for the queue to drain
 * @param syncWait with the {@link QueueFallback#SYNC} fallback, how long a request thread waits
 * for room in the queue before it stores its trace itself
 */
public record WriterSettings(int queueCapacity, long queueMemoryLimit, int threads, QueueFallback fallback,
		Duration shutdownTimeout, Duration syncWait) {

	/** How long a request waits for room in a full queue, with the sync fallback, by default. */
	public static final Duration DEFAULT_SYNC_WAIT = Duration.ofSeconds(1);

	public WriterSettings {
		if (queueCapacity < 1 || queueMemoryLimit < 1 || threads < 1) {
			throw new IllegalArgumentException("queue capacity, memory limit and threads must be positive");
		}
	}

	/**
	 * Settings with the default sync wait.
	 * @param queueCapacity the most traces waiting
	 * @param queueMemoryLimit the most captured body bytes that waiting traces may hold
	 * @param threads the number of writer threads
	 * @param fallback what to do when the queue is full
	 * @param shutdownTimeout how long closing waits for the queue to drain
	 */
	public WriterSettings(int queueCapacity, long queueMemoryLimit, int threads, QueueFallback fallback,
			Duration shutdownTimeout) {
		this(queueCapacity, queueMemoryLimit, threads, fallback, shutdownTimeout, DEFAULT_SYNC_WAIT);
	}

	/** What to do with a trace when the queue is full. */
	public enum QueueFallback {

		/** Drop it, counted and logged. */
		DROP,

		/**
		 * Make the calling (request) thread wait until the queue has room for it, then store it
		 * on the calling thread if the writer threads are stuck for longer than the sync wait.
		 * Requests slow to the pace of storage and no trace is lost; waiting rather than writing
		 * beside the writer threads keeps one writer per storage instead of one per request.
		 */
		SYNC

	}

}
