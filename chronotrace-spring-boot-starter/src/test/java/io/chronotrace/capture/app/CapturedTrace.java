package io.chronotrace.capture.app;

import java.util.List;

import org.jspecify.annotations.Nullable;

import io.chronotrace.core.trace.TraceEvent;
import io.chronotrace.core.trace.TracingContext;

/**
 * What the trace of a request held, read back the way a test variant can.
 *
 * @param events the events, in order
 * @param droppedEvents the number of dropped events
 * @param tracing the tracing ids
 */
public record CapturedTrace(List<TraceEvent> events, int droppedEvents, @Nullable TracingContext tracing) {

	public <T extends TraceEvent> List<T> events(Class<T> type) {
		return this.events.stream().filter(type::isInstance).map(type::cast).toList();
	}

}
