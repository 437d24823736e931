package io.chronotrace.core.write;

import io.chronotrace.core.trace.Trace;

/**
 * Takes a finished trace from the recording side and gets it into storage: at once, or through
 * a queue. Called on the request thread, after scrubbing.
 */
@FunctionalInterface
public interface TraceWriter {

	/**
	 * Hands a finished trace over. Never throws: a trace that cannot be stored is counted and
	 * logged, not thrown at the request that produced it. The writer owns the trace's
	 * attachments from here on and releases them once the trace is stored or dropped.
	 * @param trace the trace
	 */
	void write(Trace trace);

}
