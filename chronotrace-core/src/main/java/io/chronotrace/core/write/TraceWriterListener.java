package io.chronotrace.core.write;

import java.time.Duration;

/**
 * Observes what happens to traces on their way to storage; metrics implement it. Methods are
 * called on request and writer threads and must be quick and never throw.
 */
public interface TraceWriterListener {

	/** Does nothing. */
	TraceWriterListener NONE = new TraceWriterListener() {
	};

	/** A trace was handed to the writer. */
	default void recorded() {
	}

	/**
	 * A trace was stored.
	 * @param latency how long the storage took
	 * @param bytes the bytes written, 0 when the storage does not tell
	 */
	default void stored(Duration latency, long bytes) {
	}

	/**
	 * Traces of one batch were stored in one call to the storage. The default reports each as
	 * {@link #stored(Duration, long)} with an equal share of the latency and bytes.
	 * @param count how many traces were stored, at least 1
	 * @param latency how long the storage took for the whole batch
	 * @param bytes the bytes written for the whole batch, 0 when the storage does not tell
	 */
	default void storedBatch(int count, Duration latency, long bytes) {
		Duration share = latency.dividedBy(count);
		for (int i = 0; i < count; i++) {
			stored(share, bytes / count + ((i < bytes % count) ? 1 : 0));
		}
	}

	/**
	 * A trace was not stored because the writer had no room for it.
	 * @param reason why
	 */
	default void dropped(DropReason reason) {
	}

	/**
	 * The storage failed to store a trace.
	 * @param failure what it threw
	 */
	default void failed(Throwable failure) {
	}

	/** Why a trace was dropped. */
	enum DropReason {

		/** The queue was at capacity (traces or memory) and the fallback is to drop. */
		QUEUE_FULL,

		/** The writer was shut down before the trace could be stored. */
		SHUTDOWN

	}

}
