package io.chronotrace.web.servlet;

import io.chronotrace.core.scrub.TraceScrubber;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.write.TraceWriter;
import io.chronotrace.web.TraceSink;

/**
 * Ends an exchange: a recorded one is assembled into a trace and handed to the {@link TraceSink}
 * (scrubbing, then the {@link TraceWriter}); one that is not recorded is discarded with its
 * temporary files. A failure here is logged (rate-limited), never thrown at the request.
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
			Trace trace = this.assembler.assemble(exchange);
			if (!this.sink.accept(trace, exchange.request().getMethod(), exchange.request().getRequestURI())) {
				exchange.discard();
			}
		}
		catch (RuntimeException ex) {
			TraceSink.failed(exchange.request().getMethod(), exchange.request().getRequestURI(), ex);
			exchange.discard();
		}
	}

}
