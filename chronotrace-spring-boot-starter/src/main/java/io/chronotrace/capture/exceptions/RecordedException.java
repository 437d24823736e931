package io.chronotrace.capture.exceptions;

import io.chronotrace.core.recording.PendingEvent;
import io.chronotrace.core.trace.ExceptionEvent;
import io.chronotrace.core.trace.TraceError;
import io.chronotrace.core.trace.TraceEvent;

/**
 * An exception Spring MVC resolved or let escape; which one is known only once the dispatch
 * ends, so the event is completed when the trace finishes.
 */
final class RecordedException implements PendingEvent {

	private final Throwable exception;

	private final long offsetMicros;

	private final TraceError error;

	private volatile boolean escaped;

	RecordedException(Throwable exception, long offsetMicros, TraceError error) {
		this.exception = exception;
		this.offsetMicros = offsetMicros;
		this.error = error;
	}

	boolean is(Throwable exception) {
		return this.exception == exception;
	}

	void escaped() {
		this.escaped = true;
	}

	@Override
	public TraceEvent complete() {
		return new ExceptionEvent(this.offsetMicros, 0, TraceEvent.ERROR, this.error, !this.escaped);
	}

}
