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
 */
public record WriterSettings(int queueCapacity, long queueMemoryLimit, int threads, QueueFallback fallback,
		Duration shutdownTimeout) {

	public WriterSettings {
		if (queueCapacity < 1 || queueMemoryLimit < 1 || threads < 1) {
			throw new IllegalArgumentException("queue capacity, memory limit and threads must be positive");
		}
	}

	/** What to do with a trace when the queue is full. */
	public enum QueueFallback {

		/** Drop it, counted and logged. */
		DROP,

		/** Store it on the calling (request) thread. */
		SYNC

	}

}
