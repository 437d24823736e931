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

	/** This application's own origin now, and when recorded: calls it makes to itself match across ports. */
	private volatile @Nullable String selfOrigin;

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
		String recordedUrl = asRecorded(url);
		if (call == null && recordedUrl != null) {
			call = this.recorded.take(method, recordedUrl);
		}
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
	 * Sets the origin ({@code http://localhost:8080}) this application serves on now, so that a
	 * call it makes to itself is answered by the recorded call it made to itself, on whatever
	 * port it was recorded (a test starts the application on a random port).
	 * @param origin the origin, without a trailing slash
	 */
	void selfOrigin(@Nullable String origin) {
		this.selfOrigin = origin;
	}

	/** A call to this application as the recording named this application, if it is one. */
	private @Nullable String asRecorded(String url) {
		String self = this.selfOrigin;
		String recorded = origin(this.original.request().url());
		if (self == null || recorded == null || self.equals(recorded) || !url.startsWith(self)
				|| (url.length() > self.length() && url.charAt(self.length()) != '/')) {
			return null;
		}
		return recorded + url.substring(self.length());
	}

	private static @Nullable String origin(String url) {
		int scheme = url.indexOf("://");
		if (scheme < 0) {
			return null;
		}
		int path = url.indexOf('/', scheme + 3);
		return (path < 0) ? url : url.substring(0, path);
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
