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
