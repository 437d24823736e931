package io.chronotrace.core.trace;

import org.jspecify.annotations.Nullable;

/**
 * An {@code @Async} method or a task submitted to a Spring-managed executor by the request.
 *
 * @param offsetMicros when the task started running, from the request start
 * @param durationMicros how long it ran
 * @param outcome {@code ok} or {@code error}
 * @param name the task name: the method or the task's class
 * @param thread the thread it ran on
 * @param queuedMicros how long it waited between submission and start
 * @param error the error when it failed
 */
public record JobEvent(long offsetMicros, long durationMicros, String outcome, String name, @Nullable String thread,
		long queuedMicros, @Nullable TraceError error) implements TraceEvent {
}
