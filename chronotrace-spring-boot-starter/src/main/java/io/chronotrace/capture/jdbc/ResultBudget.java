package io.chronotrace.capture.jdbc;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.chronotrace.core.recording.ActiveTrace;

/**
 * The characters of SQL values each recorded trace may still record
 * ({@code chronotrace.capture.sql-result-size}), shared by its statements on every thread.
 * Held weakly: a finished trace's budget goes with it.
 */
final class ResultBudget {

	private final Map<ActiveTrace, AtomicLong> remaining = Collections.synchronizedMap(new WeakHashMap<>());

	private final long perTrace;

	ResultBudget(long perTrace) {
		this.perTrace = perTrace;
	}

	AtomicLong of(ActiveTrace trace) {
		return this.remaining.computeIfAbsent(trace, (key) -> new AtomicLong(this.perTrace));
	}

}
