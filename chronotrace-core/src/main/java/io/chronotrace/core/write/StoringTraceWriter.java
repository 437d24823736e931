package io.chronotrace.core.write;

import java.time.Duration;
import java.util.List;

import io.chronotrace.core.storage.BatchStoreResult;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.support.RateLimitedLog;
import io.chronotrace.core.trace.Trace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores each trace at once, on the calling thread ({@code async-storage: false}), and is the
 * store step of the {@link AsyncTraceWriter}'s threads, which hand it whole batches
 * ({@link TraceStorage#storeAll}). Failures are reported to the listener
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
			this.failureLog.warn("Could not store trace " + trace.id() + " in " + this.storage.description().type() + " storage: "
					+ ex.getMessage(), ex);
			return false;
		}
		finally {
			trace.releaseAttachments();
		}
	}

	/**
	 * Stores a batch of traces that were already counted as recorded, in one call to the
	 * storage. Stored and failed traces are counted one by one; the batch's latency and bytes
	 * are shared among the traces stored. Attachments are released afterwards, whatever happened.
	 * @param traces the traces, in the order they were recorded
	 * @return how many were stored
	 */
	int storeAll(List<Trace> traces) {
		long start = System.nanoTime();
		try {
			BatchStoreResult result;
			try {
				result = this.storage.storeAll(traces);
			}
			catch (RuntimeException ex) {
				// a backend that throws despite the contract: the whole batch failed
				result = new BatchStoreResult(0, traces.stream().map((trace) -> new BatchStoreResult.Failure(trace.id(), ex)).toList());
			}
			Duration latency = Duration.ofNanos(System.nanoTime() - start);
			int stored = traces.size() - result.failures().size();
			if (stored > 0) {
				this.listener.storedBatch(stored, latency, result.bytesWritten());
			}
			if (!result.allStored()) {
				reportFailures(traces.size(), result.failures());
			}
			return stored;
		}
		finally {
			for (Trace trace : traces) {
				trace.releaseAttachments();
			}
		}
	}

	private void reportFailures(int batchSize, List<BatchStoreResult.Failure> failures) {
		for (BatchStoreResult.Failure failure : failures) {
			this.listener.failed(failure.cause());
		}
		BatchStoreResult.Failure first = failures.get(0);
		this.failureLog.warn("Could not store " + failures.size() + " of " + batchSize + " traces (first: " + first.id()
				+ ") in " + this.storage.description().type() + " storage: " + first.cause().getMessage(), first.cause());
	}

	TraceStorage storage() {
		return this.storage;
	}

}
