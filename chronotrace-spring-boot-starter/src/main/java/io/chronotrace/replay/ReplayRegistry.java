package io.chronotrace.replay;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import io.chronotrace.core.recording.ActiveTrace;
import io.chronotrace.core.recording.TraceContextHolder;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.replay.jdbc.RecordedStatements;

/**
 * The replays this application is sending to itself. Each gets a one-time token of 256 random
 * bits that only this registry and the replayer know: a request that arrives with a pending
 * token is that replay, and claims it; any other token, guessed, forged or already spent, means
 * nothing. While the replayed request runs, its session is found from the thread (the request
 * thread) or from the trace bound to it (threads the trace is carried to, such as
 * {@code @Async} jobs).
 */
public final class ReplayRegistry {

	private final SecureRandom random = new SecureRandom();

	private final Map<String, ReplaySession> pending = new ConcurrentHashMap<>();

	private final Map<TraceId, ReplaySession> running = new ConcurrentHashMap<>();

	private final boolean replaysRecorded;

	/** The session of the replayed request the current thread handles; one per registry. */
	private final ThreadLocal<@Nullable ReplaySession> current = new ThreadLocal<>();

	/** Creates a registry whose replays are recorded, whatever the mode. */
	public ReplayRegistry() {
		this(true);
	}

	/**
	 * Creates a registry.
	 * @param replaysRecorded whether replays are recorded whatever the mode
	 * ({@code chronotrace.replay.recorded}); when not, they are not recorded at all
	 */
	public ReplayRegistry(boolean replaysRecorded) {
		this.replaysRecorded = replaysRecorded;
	}

	/**
	 * Opens a replay, whose token is pending until a request claims it or the replay is closed.
	 * @param original the trace replayed
	 * @param isolated whether outbound calls are answered from the recording
	 * @param probe whether it is a second run that only tells what changes by itself, not
	 * recorded
	 * @return the session
	 */
	ReplaySession open(Trace original, boolean isolated, boolean probe) {
		return open(original, isolated, probe, false);
	}

	/**
	 * Opens a replay, whose token is pending until a request claims it or the replay is closed.
	 * @param original the trace replayed
	 * @param isolated whether outbound calls are answered from the recording
	 * @param probe whether it is a second run that only tells what changes by itself, not
	 * recorded
	 * @param sqlFromRecording whether, isolated, its SQL is answered from the recording too
	 * @return the session
	 */
	ReplaySession open(Trace original, boolean isolated, boolean probe, boolean sqlFromRecording) {
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		ReplaySession session = new ReplaySession(original,
				Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), isolated, probe, sqlFromRecording);
		this.pending.put(session.token(), session);
		return session;
	}

	/**
	 * Whether the request of a token is recorded, whatever the mode: a replay is (unless
	 * {@code chronotrace.replay.recorded} is off), its second run (which only tells what changes
	 * by itself) is not.
	 * @param token the token a request carries, if any
	 * @return {@code true} for a pending replay, {@code false} for a pending second run or a
	 * replay not to be recorded, {@code null} when the token is none of this registry's (the
	 * request is decided like any other)
	 */
	@Nullable Boolean recorded(@Nullable String token) {
		ReplaySession session = (token != null) ? this.pending.get(token) : null;
		return (session != null) ? (this.replaysRecorded && !session.probe()) : null;
	}

	/**
	 * Claims the replay of a token, once: a second request with the same token gets nothing.
	 * @param token the token a request carries, if any
	 * @return the session, or {@code null} when the token is not pending
	 */
	@Nullable ReplaySession claim(@Nullable String token) {
		return (token != null) ? this.pending.remove(token) : null;
	}

	/**
	 * Runs the replayed request's handling with its session found from the thread, and from the
	 * trace while the trace lives.
	 */
	Scope enter(ReplaySession session, @Nullable ActiveTrace trace) {
		ReplaySession previous = this.current.get();
		this.current.set(session);
		if (trace != null) {
			this.running.put(trace.id(), session);
		}
		return () -> {
			if (previous != null) {
				this.current.set(previous);
			}
			else {
				this.current.remove();
			}
		};
	}

	/**
	 * The isolated replay the current thread works for, if any.
	 * @return the session, or {@code null} when outbound calls go to the network
	 */
	@Nullable ReplaySession isolated() {
		ReplaySession session = this.current.get();
		if (session == null) {
			ActiveTrace trace = TraceContextHolder.current();
			session = (trace != null) ? this.running.get(trace.id()) : null;
		}
		return (session != null && session.isolated()) ? session : null;
	}

	/**
	 * The recorded statements that answer the SQL of the isolated replay the current thread works
	 * for, if any; what the application's data sources ask on each {@code getConnection()}.
	 * @return the statements, or {@code null} when the thread's SQL goes to the database
	 */
	public @Nullable RecordedStatements recordedStatements() {
		if (this.running.isEmpty() && this.current.get() == null) {
			return null;
		}
		ReplaySession session = isolated();
		return (session != null) ? session.statements() : null;
	}

	/**
	 * Ends a replay: its token is spent and its calls are no longer answered from the recording.
	 * @param session the session
	 */
	void close(ReplaySession session) {
		this.pending.remove(session.token());
		this.running.values().removeIf((running) -> running == session);
	}

	/** Undoes {@link #enter}; never throws. */
	interface Scope extends AutoCloseable {

		@Override
		void close();

	}

}
