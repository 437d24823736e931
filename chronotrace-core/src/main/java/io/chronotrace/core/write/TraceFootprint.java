package io.chronotrace.core.write;

import io.chronotrace.core.trace.DatabaseEvent;
import io.chronotrace.core.trace.SqlResult;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceBody;
import io.chronotrace.core.trace.TraceEvent;
import org.jspecify.annotations.Nullable;

/**
 * Estimates the heap a queued trace holds, so that the queue can be bounded in memory as well
 * as in count: bodies dominate, then the recorded rows of SQL results; attachments are on disk and
 * count nothing.
 */
final class TraceFootprint {

	private static final long BASE = 2048;

	private static final long PER_EVENT = 512;

	private TraceFootprint() {
	}

	static long estimate(Trace trace) {
		long estimate = BASE + body(trace.request().body()) + body(trace.response().body())
				+ PER_EVENT * trace.events().size();
		for (TraceEvent event : trace.events()) {
			if (event instanceof DatabaseEvent database) {
				estimate += size(database.result()) + size(database.generatedKeys());
			}
		}
		return estimate;
	}

	private static long size(@Nullable SqlResult result) {
		return (result != null) ? result.size() : 0;
	}

	private static long body(@Nullable TraceBody body) {
		return (body != null && body.content() != null) ? body.content().length() : 0;
	}

}
