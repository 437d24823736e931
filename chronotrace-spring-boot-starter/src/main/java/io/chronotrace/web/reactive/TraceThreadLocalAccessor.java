package io.chronotrace.web.reactive;

import org.jspecify.annotations.Nullable;

import io.chronotrace.core.recording.ActiveTrace;
import io.chronotrace.core.recording.TraceContextHolder;
import io.micrometer.context.ThreadLocalAccessor;

/**
 * Lets Micrometer's context propagation carry the trace of a recorded request between Reactor's
 * context, where the WebFlux filter puts it under {@link #KEY}, and the thread-local
 * {@link TraceContextHolder} that capture code (SQL, HTTP clients, cache, logs, custom events)
 * reads: with Reactor's automatic context propagation on, each operator of the request's
 * pipeline runs with its trace bound, whatever thread it runs on.
 */
public final class TraceThreadLocalAccessor implements ThreadLocalAccessor<ActiveTrace> {

	/** The key of the trace in Reactor's context. */
	public static final String KEY = "io.chronotrace.trace";

	@Override
	public Object key() {
		return KEY;
	}

	@Override
	public @Nullable ActiveTrace getValue() {
		return TraceContextHolder.current();
	}

	@Override
	public void setValue(ActiveTrace value) {
		TraceContextHolder.bind(value);
	}

	@Override
	public void setValue() {
		TraceContextHolder.bind(null);
	}

}
