package io.chronotrace.web;

import java.time.Duration;

import org.slf4j.LoggerFactory;

import io.chronotrace.core.recording.CapturedExchange;
import io.chronotrace.core.scrub.TraceScrubber;
import io.chronotrace.core.support.RateLimitedLog;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.write.PendingTrace;
import io.chronotrace.core.write.TraceWriter;

/**
 * Where the recording filters of both web stacks hand recorded exchanges: each goes to the
 * {@link TraceWriter} as a {@link PendingTrace} whose bodies are finished, whose exception is
 * formatted and which is scrubbed on the writer's thread when it has threads of its own, on the
 * request thread otherwise; scrubbed, in any case, before it leaves the process. A failure is
 * logged (rate-limited) and the exchange's spilled bodies are released, never thrown at the
 * request.
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
	 * Hands a recorded exchange to the writer.
	 * @param exchange what the request left
	 * @return whether the writer took it; when not, its bodies are released
	 */
	public boolean accept(CapturedExchange exchange) {
		try {
			this.writer.write(new Pending(exchange));
			return true;
		}
		catch (RuntimeException ex) {
			failed(exchange.method(), exchange.path(), ex);
			exchange.discard();
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

	/** An exchange that becomes a scrubbed trace where the writer finishes it. */
	private final class Pending implements PendingTrace {

		private final CapturedExchange exchange;

		Pending(CapturedExchange exchange) {
			this.exchange = exchange;
		}

		@Override
		public TraceId id() {
			return this.exchange.id();
		}

		@Override
		public Trace complete() {
			Trace trace = this.exchange.toTrace();
			try {
				return TraceSink.this.scrubber.scrub(trace);
			}
			catch (RuntimeException ex) {
				trace.releaseAttachments();
				throw ex;
			}
		}

		@Override
		public long footprint() {
			return this.exchange.footprint();
		}

		@Override
		public void discard() {
			this.exchange.discard();
		}

	}

}
