package io.chronotrace.core.write;

import java.time.Duration;

import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.support.RateLimitedLog;
import io.chronotrace.core.trace.Trace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores each trace at once, on the calling thread ({@code async-storage: false}), and is the
 * store step of the {@link AsyncTraceWriter}'s threads. Failures are reported to the listener
 * and logged, never thrown.
 */
public final class StoringTraceWriter implements TraceWriter {

	private static final Logger logger = LoggerFactory.getLogger(StoringTraceWriter.class);

	private final TraceStorage storage;

	private final TraceWriterListener listener;

	private final RateLimitedLog failureLog = new RateLimitedLog(logger, Duration.ofSeconds(30));

	public StoringTraceWriter(TraceStorage storage, TraceWriterListener listener) {
		this.storage = storage;
		this.listener = listener;
	}

	@Override
	public void write(Trace trace) {
		this.listener.recorded();
		store(trace);
	}

	/**
	 * Stores a trace that was already counted as recorded.
	 * @param trace the trace
	 * @return whether it was stored
	 */
	boolean store(Trace trace) {
		long start = System.nanoTime();
		try {
			long bytes = this.storage.store(trace);
			this.listener.stored(Duration.ofNanos(System.nanoTime() - start), bytes);
			return true;
		}
		catch (RuntimeException ex) {
			this.listener.failed(ex);
			this.failureLog.warn("Could not store trace " + trace.id() + " in " + this.storage.type() + " storage: "
					+ ex.getMessage(), ex);
			return false;
		}
		finally {
			trace.releaseAttachments();
		}
	}

	TraceStorage storage() {
		return this.storage;
	}

}
