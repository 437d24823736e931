package io.chronotrace.web;

import java.time.Duration;

import org.slf4j.LoggerFactory;

import io.chronotrace.core.scrub.TraceScrubber;
import io.chronotrace.core.support.RateLimitedLog;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.write.TraceWriter;

/**
 * Where the recording filters of both web stacks hand finished traces: each is scrubbed, then
 * given to the {@link TraceWriter}. A failure is logged (rate-limited) and the trace's spilled
 * bodies are released, never thrown at the request.
 */
public final class TraceSink {

	private static final RateLimitedLog failures = new RateLimitedLog(LoggerFactory.getLogger(TraceSink.class),
			Duration.ofMinutes(1));

	private final TraceScrubber scrubber;

	private final TraceWriter writer;

	/**
	 * Creates a sink.
	 * @param scrubber scrubs traces before they leave the request path
	 * @param writer takes them to storage
	 */
	public TraceSink(TraceScrubber scrubber, TraceWriter writer) {
		this.scrubber = scrubber;
		this.writer = writer;
	}

	/**
	 * Scrubs and writes a trace.
	 * @param trace the trace
	 * @param method the request's method, for the log
	 * @param path the request's path, for the log
	 * @return whether the writer took it; when not, its attachments are released
	 */
	public boolean accept(Trace trace, String method, String path) {
		try {
			this.writer.write(this.scrubber.scrub(trace));
			return true;
		}
		catch (RuntimeException ex) {
			failed(method, path, ex);
			trace.releaseAttachments();
			return false;
		}
	}

	/**
	 * Logs a failure to build the trace of an exchange, which is dropped.
	 * @param method the request's method
	 * @param path the request's path
	 * @param ex the failure
	 */
	public static void failed(String method, String path, RuntimeException ex) {
		failures.warn("Could not record the trace of " + method + " " + path + "; it is dropped", ex);
	}

}
