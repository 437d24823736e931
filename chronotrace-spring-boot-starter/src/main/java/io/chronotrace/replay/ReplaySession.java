package io.chronotrace.replay;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.chronotrace.core.trace.HttpClientEvent;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.replay.diff.WordDiff;
import io.chronotrace.replay.jdbc.RecordedStatements;

/**
 * One replay in progress: the original trace, its one-time token, whether outbound calls (and
 * SQL) are answered from the recording, and which were. Thread-safe: the replayed request and
 * its jobs may call out from several threads.
 */
final class ReplaySession {

	private final Trace original;

	private final String token;

	private final boolean isolated;

	private final boolean probe;

	private final RecordedCalls recorded;

	private final @Nullable RecordedStatements statements;

	private final List<ReplayCall> served = new ArrayList<>();

	private final List<ReplayCall> unmatched = new ArrayList<>();

	private volatile boolean arrived;

	ReplaySession(Trace original, String token, boolean isolated, boolean probe, boolean sqlFromRecording) {
		this.original = original;
		this.token = token;
		this.isolated = isolated;
		this.probe = probe;
		this.recorded = new RecordedCalls(original);
		this.statements = (isolated && sqlFromRecording) ? new RecordedStatements(original) : null;
	}

	/**
	 * The recorded statements that answer the replayed request's SQL.
	 * @return them, or {@code null} when its SQL goes to the database
	 */
	@Nullable RecordedStatements statements() {
		return this.statements;
	}

	TraceId originalId() {
		return this.original.id();
	}

	String token() {
		return this.token;
	}

	boolean isolated() {
		return this.isolated;
	}

	/** Whether this is a second run, which tells what changes by itself and is not recorded. */
	boolean probe() {
		return this.probe;
	}

	/** Notes that the replayed request reached this application with the token. */
	void arrived() {
		this.arrived = true;
	}

	/**
	 * Whether the replayed request reached this application with the token; when not, it went
	 * elsewhere (another target) or the token was lost on the way.
	 */
	boolean hasArrived() {
		return this.arrived;
	}

	/**
	 * Answers an outbound call from the recording, and notes whether it could.
	 * @param method the method of the call
	 * @param url the URL of the call
	 * @return the recorded call, or {@code null} when the recording holds no answer for it
	 */
	@Nullable HttpClientEvent answer(String method, String url) {
		HttpClientEvent call = this.recorded.take(method, url);
		synchronized (this) {
			if (call != null) {
				this.served.add(new ReplayCall(method, url, call.status()));
			}
			else {
				HttpClientEvent nearest = this.recorded.nearest(method, url);
				this.unmatched.add((nearest != null) ? ReplayCall.nearMiss(method, url, nearest.method() + " "
						+ nearest.url(), WordDiff.of(nearest.method() + " " + nearest.url(), method + " " + url))
						: ReplayCall.nearMiss(method, url, null, null));
			}
		}
		return call;
	}

	/**
	 * The recorded calls the replay did not make.
	 * @return the calls
	 */
	List<ReplayCall> notMade() {
		return this.recorded.notTaken()
			.stream()
			.map((call) -> new ReplayCall(call.method(), call.url(), call.status(), ReplayCall.NOT_MADE, null, null))
			.toList();
	}

	synchronized List<ReplayCall> served() {
		return List.copyOf(this.served);
	}

	synchronized List<ReplayCall> unmatched() {
		return List.copyOf(this.unmatched);
	}

}
