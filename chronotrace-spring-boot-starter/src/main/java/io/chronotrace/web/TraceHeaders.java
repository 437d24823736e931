package io.chronotrace.web;

/** The headers the recording filters of both web stacks read and write. */
public final class TraceHeaders {

	/** The response header that carries the id of the trace a response was recorded in. */
	public static final String TRACE_ID = "X-ChronoTrace-Id";

	private TraceHeaders() {
	}

}
