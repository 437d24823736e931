package io.chronotrace.web.servlet;

import java.time.Duration;

import org.slf4j.LoggerFactory;

import io.chronotrace.core.support.RateLimitedLog;
import io.chronotrace.core.scrub.TraceScrubber;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.write.TraceWriter;

/**
 * Ends an exchange: a recorded one is assembled into a trace, scrubbed and handed to the
 * {@link TraceWriter}; one that is not recorded is discarded with its temporary files. A failure
 * here is logged (rate-limited), never thrown at the request.
 */
public final class TraceRecorder {

	private static final RateLimitedLog failures = new RateLimitedLog(
			LoggerFactory.getLogger(TraceRecorder.class), Duration.ofMinutes(1));

	private final TraceAssembler assembler;

	private final TraceScrubber scrubber;

	private final TraceWriter writer;

	/**
	 * Creates a recorder.
	 * @param assembler builds traces
	 * @param scrubber scrubs them before they leave the request path
	 * @param writer takes them to storage
	 */
	public TraceRecorder(TraceAssembler assembler, TraceScrubber scrubber, TraceWriter writer) {
		this.assembler = assembler;
		this.scrubber = scrubber;
		this.writer = writer;
	}

	/**
	 * Ends an exchange, once: later calls do nothing.
	 * @param exchange the exchange
	 */
	void complete(RecordingExchange exchange) {
		if (!exchange.complete()) {
			return;
		}
		Trace trace = null;
		try {
			if (!exchange.isRecorded()) {
				exchange.discard();
				return;
			}
			trace = this.assembler.assemble(exchange);
			this.writer.write(this.scrubber.scrub(trace));
		}
		catch (RuntimeException ex) {
			failures.warn("Could not record the trace of " + exchange.request().getMethod() + " "
					+ exchange.request().getRequestURI() + "; it is dropped", ex);
			if (trace != null) {
				trace.releaseAttachments();
			}
			exchange.discard();
		}
	}

}
