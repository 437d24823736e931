package io.chronotrace.replay;

import io.chronotrace.core.trace.TraceOrigins;

/** The request headers a replay carries, and the event that links a replay to its original. */
public final class ReplayHeaders {

	/**
	 * The one-time secret that marks a request as a replay the running application sent itself.
	 * Its name holds a word of the default scrub list, so its (spent) value is not stored.
	 */
	public static final String TOKEN = "X-ChronoTrace-Replay-Token";

	/**
	 * The id of the replayed trace, for the reader of the replay's trace; it grants nothing and
	 * marks nothing (a client may send it): only {@link #EVENT} makes a trace a replay.
	 */
	public static final String ORIGINAL = "X-ChronoTrace-Replay-Of";

	/** The name of the custom event, first in a replay's trace, that names the original trace. */
	public static final String EVENT = TraceOrigins.REPLAY_EVENT;

	/** The attribute of {@link #EVENT} that holds the original trace's id. */
	public static final String ORIGINAL_TRACE_ID = TraceOrigins.REPLAY_ORIGINAL;

	/** The attribute of {@link #EVENT} that tells whether outbound calls were served from the recording. */
	public static final String ISOLATED = TraceOrigins.REPLAY_ISOLATED;

	private ReplayHeaders() {
	}

}
