package io.chronotrace.core.write;

import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceId;

/**
 * A trace handed over with part of its work still to do: scrubbing and decoding its bodies,
 * formatting its exception, scrubbing the rest. A writer with threads of its own does that work
 * there, off the request thread; otherwise the caller does it when it hands the trace over.
 * Scrubbing still happens before the trace leaves the process.
 */
public interface PendingTrace {

	/**
	 * The trace's id, known from the start.
	 * @return the id
	 */
	TraceId id();

	/**
	 * Does the work left and returns the finished, scrubbed trace. Called once.
	 * @return the trace
	 */
	Trace complete();

	/**
	 * How much heap the trace holds while it waits, for the queue's memory bound: bodies count,
	 * files do not.
	 * @return the estimated bytes
	 */
	long footprint();

	/**
	 * Releases what the trace holds (its spilled bodies) when it is dropped before completion.
	 */
	void discard();

	/**
	 * A trace with no work left.
	 * @param trace the finished trace
	 * @return the pending trace
	 */
	static PendingTrace of(Trace trace) {
		long footprint = TraceFootprint.estimate(trace);
		return new PendingTrace() {

			@Override
			public TraceId id() {
				return trace.id();
			}

			@Override
			public Trace complete() {
				return trace;
			}

			@Override
			public long footprint() {
				return footprint;
			}

			@Override
			public void discard() {
				trace.releaseAttachments();
			}

		};
	}

}
