package io.chronotrace.core.trace;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A log record emitted on one of the request's threads.
 *
 * @param offsetMicros when it was logged, from the request start
 * @param durationMicros always 0
 * @param outcome {@code error} for ERROR records, {@code ok} otherwise
 * @param level the level
 * @param logger the logger name
 * @param message the formatted message
 * @param thread the thread name
 * @param mdc the MDC at the time
 * @param error the logged throwable, if any
 */
public record LogEvent(long offsetMicros, long durationMicros, String outcome, String level, String logger,
		String message, @Nullable String thread, Map<String, String> mdc, @Nullable TraceError error)
		implements TraceEvent {

	public LogEvent {
		mdc = (mdc != null) ? Map.copyOf(mdc) : Map.of();
	}

}
