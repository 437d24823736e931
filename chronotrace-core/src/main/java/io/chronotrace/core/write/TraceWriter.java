package io.chronotrace.core.write;

import java.time.Duration;

import io.chronotrace.core.trace.Trace;

/**
 * Takes a finished trace from the recording side and gets it into storage: at once, or through
 * a queue. Called on the request thread, after scrubbing; or with a {@link PendingTrace} whose
 * last work (scrubbing included) the writer may do on a thread of its own.
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

	/**
	 * Hands over a trace with work left to do. This writer does the work on the caller's thread
	 * and writes the trace; a writer with threads of its own does it there.
	 * @param pending the trace
	 */
	default void write(PendingTrace pending) {
		Trace trace;
		try {
			trace = pending.complete();
		}
		catch (RuntimeException ex) {
			pending.discard();
			throw ex;
		}
		write(trace);
	}

	/**
	 * Waits until every trace handed over before this call is stored, or dropped, so that a
	 * reader who saw a request's answer finds its trace: the reads of the {@code chronotrace}
	 * endpoint call it before they answer "no such trace". The default returns at once, as a
	 * writer that stores on the caller's thread has nothing pending.
	 * @param timeout how long to wait at most
	 * @return whether those traces are stored (or dropped); {@code false} when the timeout
	 * passed first or the thread was interrupted
	 */
	default boolean awaitStored(Duration timeout) {
		return true;
	}

}
