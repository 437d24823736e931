package io.chronotrace.core.trace;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What a listing shows of a trace, stored as {@code metadata.json} beside {@code trace.json}
 * so that a listing never reads whole traces.
 *
 * @param id the trace id
 * @param startTime when the request started
 * @param durationMicros how long it took, in microseconds
 * @param application the recording application
 * @param method the HTTP method
 * @param path the request path
 * @param status the response status
 * @param exceptionType the class name of the exception that escaped, if any
 * @param eventCount the number of events the trace holds
 * @param origin where the trace came from ({@link TraceOrigins}); {@link TraceOrigin#REQUEST} for
 * summaries stored before origins existed
 * @param originTraceId the related trace: the one replayed, the caller of a self-call, the one a
 * generated test was generated from; {@code null} for an ordinary request
 */
public record TraceSummary(TraceId id, Instant startTime, long durationMicros, @Nullable String application,
		String method, String path, int status, @Nullable String exceptionType, int eventCount, TraceOrigin origin,
		@Nullable TraceId originTraceId) {

	/** Newest first; ties broken by id, newest-looking first. */
	public static final Comparator<TraceSummary> NEWEST_FIRST = Comparator.comparing(TraceSummary::startTime)
		.thenComparing(TraceSummary::id)
		.reversed();

	public TraceSummary {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(startTime, "startTime");
		Objects.requireNonNull(method, "method");
		Objects.requireNonNull(path, "path");
		origin = (origin != null) ? origin : TraceOrigin.REQUEST;
	}

	/**
	 * A summary of an ordinary request.
	 * @param id the trace id
	 * @param startTime when the request started
	 * @param durationMicros how long it took, in microseconds
	 * @param application the recording application
	 * @param method the HTTP method
	 * @param path the request path
	 * @param status the response status
	 * @param exceptionType the class name of the exception that escaped, if any
	 * @param eventCount the number of events the trace holds
	 */
	public TraceSummary(TraceId id, Instant startTime, long durationMicros, @Nullable String application,
			String method, String path, int status, @Nullable String exceptionType, int eventCount) {
		this(id, startTime, durationMicros, application, method, path, status, exceptionType, eventCount,
				TraceOrigin.REQUEST, null);
	}

}
