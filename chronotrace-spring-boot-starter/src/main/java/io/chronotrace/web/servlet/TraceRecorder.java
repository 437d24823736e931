package io.chronotrace.web.servlet;

import io.chronotrace.core.scrub.TraceScrubber;
import io.chronotrace.core.write.TraceWriter;
import io.chronotrace.web.TraceSink;

/**
 * Ends an exchange: a recorded one is captured off the request and the response and handed to
 * the {@link TraceSink}, which has the {@link TraceWriter} finish and scrub it into a trace; one
 * that is not recorded is discarded with its temporary files. A failure here is logged
 * (rate-limited), never thrown at the request.
 */
public final class TraceRecorder {

	private final TraceAssembler assembler;

	private final TraceSink sink;

	/**
	 * Creates a recorder.
	 * @param assembler builds traces
	 * @param scrubber scrubs them before they leave the request path
	 * @param writer takes them to storage
	 */
	public TraceRecorder(TraceAssembler assembler, TraceScrubber scrubber, TraceWriter writer) {
		this.assembler = assembler;
		this.sink = new TraceSink(scrubber, writer);
	}

	/**
	 * Ends an exchange, once: later calls do nothing.
	 * @param exchange the exchange
	 */
	void complete(RecordingExchange exchange) {
		if (!exchange.complete()) {
			return;
		}
		try {
			if (!exchange.isRecorded()) {
				exchange.discard();
				return;
			}
			this.sink.accept(this.assembler.capture(exchange));
		}
		catch (RuntimeException ex) {
			TraceSink.failed(exchange.request().getMethod(), exchange.request().getRequestURI(), ex);
			exchange.discard();
		}
	}

}
