package io.chronotrace.core.trace;

import java.util.Map;

/**
 * An event the application added itself through {@code ChronoTrace.event(...)}.
 *
 * @param offsetMicros start offset from the request start
 * @param durationMicros duration, 0 when instantaneous
 * @param outcome {@code ok} unless the application said otherwise
 * @param name the event name
 * @param attributes the application's attributes, as text
 */
public record CustomEvent(long offsetMicros, long durationMicros, String outcome, String name,
		Map<String, String> attributes) implements TraceEvent {

	public CustomEvent {
		attributes = (attributes != null) ? Map.copyOf(attributes) : Map.of();
	}

}
