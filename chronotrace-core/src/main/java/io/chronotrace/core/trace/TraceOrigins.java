package io.chronotrace.core.trace;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Tells where a trace came from, from what was recorded: the one place that decides.
 * <p>
 * Recorded data is hostile: whoever sends a request writes its headers. So a replay and a call
 * the application made to itself are recognised only by an event that ChronoTrace adds once it
 * has checked a one-time secret that only this application knew (the replay's token, the
 * self-call's token), never by a header a client could send: {@value #REPLAY_EVENT} and
 * {@value #SELF_CALL_EVENT}, first in the trace. A generated test is only labelled by its
 * request header {@value #GENERATED_TEST_HEADER}, which anyone can send; it grants nothing.
 */
public final class TraceOrigins {

	/** The event, first in a replay's trace, that names the replayed trace. */
	public static final String REPLAY_EVENT = "chronotrace.replay";

	/** The attribute of {@link #REPLAY_EVENT} that holds the replayed trace's id. */
	public static final String REPLAY_ORIGINAL = "originalTraceId";

	/** The attribute of {@link #REPLAY_EVENT} that tells whether outbound calls were answered from the recording. */
	public static final String REPLAY_ISOLATED = "isolated";

	/** The event, first in the trace of a call the application made to itself, that names the caller. */
	public static final String SELF_CALL_EVENT = "chronotrace.self-call";

	/** The attribute of {@link #SELF_CALL_EVENT} that holds the calling trace's id. */
	public static final String SELF_CALL_CALLER = "callerTraceId";

	/** The request header of a generated test's request, naming the trace it was generated from. */
	public static final String GENERATED_TEST_HEADER = "X-ChronoTrace-Generated-From";

	private static final Origin ORDINARY = new Origin(TraceOrigin.REQUEST, null);

	private TraceOrigins() {
	}

	/**
	 * The origin of a trace.
	 * @param trace the trace
	 * @return its origin, {@link TraceOrigin#REQUEST} with no related trace when it is ordinary
	 */
	public static Origin of(Trace trace) {
		for (TraceEvent event : trace.events()) {
			if (event instanceof CustomEvent custom) {
				if (REPLAY_EVENT.equals(custom.name())) {
					TraceId original = id(custom.attributes(), REPLAY_ORIGINAL);
					if (original != null) {
						return new Origin(TraceOrigin.REPLAY, original);
					}
				}
				else if (SELF_CALL_EVENT.equals(custom.name())) {
					TraceId caller = id(custom.attributes(), SELF_CALL_CALLER);
					if (caller != null) {
						return new Origin(TraceOrigin.SELF_CALL, caller);
					}
				}
			}
		}
		TraceId generatedFrom = generatedFrom(trace.request().headers());
		return (generatedFrom != null) ? new Origin(TraceOrigin.GENERATED_TEST, generatedFrom) : ORDINARY;
	}

	/**
	 * The events a copy of a trace that keeps only what listings show (an encrypted trace's
	 * envelope) carries so that {@link #of(Trace)} finds the same origin.
	 * @param origin the origin of the original trace
	 * @return the marker event of a replay or self-call, none otherwise
	 */
	public static List<TraceEvent> markerEvents(Origin origin) {
		if (origin.traceId() == null) {
			return List.of();
		}
		return switch (origin.origin()) {
			case REPLAY -> List.of(new CustomEvent(0, 0, TraceEvent.OK, REPLAY_EVENT,
					Map.of(REPLAY_ORIGINAL, origin.traceId().toString())));
			case SELF_CALL -> List.of(selfCallEvent(0, origin.traceId()));
			default -> List.of();
		};
	}

	/**
	 * The event that makes a trace a replay, for the filter that checked the replay's token.
	 * @param offsetMicros when, in the replay's request
	 * @param original the trace replayed
	 * @param isolated whether outbound calls are answered from the recording
	 * @return the event
	 */
	public static CustomEvent replayEvent(long offsetMicros, TraceId original, boolean isolated) {
		return new CustomEvent(offsetMicros, 0, TraceEvent.OK, REPLAY_EVENT,
				Map.of(REPLAY_ORIGINAL, original.toString(), REPLAY_ISOLATED, Boolean.toString(isolated)));
	}

	/**
	 * The event that makes a trace a call of the application to itself, for the filter that
	 * checked the call's token.
	 * @param offsetMicros when, in the called request
	 * @param caller the trace of the request that made the call
	 * @return the event
	 */
	public static CustomEvent selfCallEvent(long offsetMicros, TraceId caller) {
		return new CustomEvent(offsetMicros, 0, TraceEvent.OK, SELF_CALL_EVENT, Map.of(SELF_CALL_CALLER, caller.toString()));
	}

	/**
	 * The request headers such a copy carries so that {@link #of(Trace)} finds the same origin.
	 * @param origin the origin of the original trace
	 * @return the header of a generated test's request, none otherwise
	 */
	public static Map<String, List<String>> markerHeaders(Origin origin) {
		return (origin.origin() == TraceOrigin.GENERATED_TEST && origin.traceId() != null)
				? Map.of(GENERATED_TEST_HEADER, List.of(origin.traceId().toString())) : Map.of();
	}

	private static @Nullable TraceId id(Map<String, String> attributes, String name) {
		String value = attributes.get(name);
		return (value != null && TraceId.isValid(value)) ? TraceId.parse(value) : null;
	}

	private static @Nullable TraceId generatedFrom(Map<String, List<String>> headers) {
		for (Map.Entry<String, List<String>> header : headers.entrySet()) {
			if (GENERATED_TEST_HEADER.equalsIgnoreCase(header.getKey()) && header.getValue().size() == 1) {
				String value = header.getValue().get(0);
				return (value != null && TraceId.isValid(value.trim())) ? TraceId.parse(value.trim()) : null;
			}
		}
		return null;
	}

	/**
	 * An origin with its related trace.
	 *
	 * @param origin where the trace came from
	 * @param traceId the related trace: the one replayed, the caller, the one a test was
	 * generated from; {@code null} for an ordinary request
	 */
	public record Origin(TraceOrigin origin, @Nullable TraceId traceId) {

	}

}
