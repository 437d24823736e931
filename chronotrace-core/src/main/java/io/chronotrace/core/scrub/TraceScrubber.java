package io.chronotrace.core.scrub;

import io.chronotrace.core.trace.Trace;

/**
 * Masks secrets and personal data in a finished trace (headers, query, URL, bodies kept in
 * {@code trace.json}, events) before it leaves the request path.
 */
@FunctionalInterface
public interface TraceScrubber {

	/** Keeps traces as they are. */
	TraceScrubber NONE = (trace) -> trace;

	/**
	 * Scrubs a trace.
	 * @param trace the trace as recorded
	 * @return the trace with every secret replaced by the marker
	 */
	Trace scrub(Trace trace);

}
