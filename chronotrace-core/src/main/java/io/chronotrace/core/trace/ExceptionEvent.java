package io.chronotrace.core.trace;

/**
 * An exception thrown during the request, whether or not it was handled.
 *
 * @param offsetMicros when it was seen, from the request start
 * @param durationMicros always 0
 * @param outcome always {@code error}
 * @param error the exception
 * @param handled whether the application handled it (for example with an
 * {@code @ExceptionHandler}) rather than letting it escape
 */
public record ExceptionEvent(long offsetMicros, long durationMicros, String outcome, TraceError error,
		boolean handled) implements TraceEvent {
}
