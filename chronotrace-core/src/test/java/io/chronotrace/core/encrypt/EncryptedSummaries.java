package io.chronotrace.core.encrypt;

import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceOrigins;
import io.chronotrace.core.trace.TraceSummary;

/** What a listing shows of a trace stored under encryption: events are sealed, so no count
 * but the marker of a replay or self-call. */
public final class EncryptedSummaries {

	private EncryptedSummaries() {
	}

	/**
	 * The summary of a trace as an encrypted storage lists it.
	 * @param trace the trace stored
	 * @return its summary with no event count
	 */
	public static TraceSummary listed(Trace trace) {
		TraceSummary summary = trace.summary();
		// the envelope keeps the origin, a replay's and a self-call's as their marker event
		int markers = TraceOrigins.markerEvents(new TraceOrigins.Origin(summary.origin(), summary.originTraceId()))
			.size();
		return new TraceSummary(summary.id(), summary.startTime(), summary.durationMicros(), summary.application(),
				summary.method(), summary.path(), summary.status(), summary.exceptionType(), markers, summary.origin(),
				summary.originTraceId());
	}

}
