package io.chronotrace.actuate.endpoint;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.chronotrace.core.storage.TracePage;
import io.chronotrace.core.trace.TraceSummary;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * One page of the listing: {@code {"traces":[...],"next":"<cursor>"|null}}. Nulls are written
 * (actuator's mapper leaves them out otherwise) so that every summary has the same fields.
 *
 * @param traces the summaries, newest first
 * @param next the cursor of the next page, {@code null} on the last page
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({ "traces", "next" })
public record TraceListDescriptor(List<Summary> traces, @Nullable String next) implements OperationResponseBody {

	static TraceListDescriptor of(TracePage page) {
		return new TraceListDescriptor(page.items().stream().map(Summary::of).toList(), page.nextCursor());
	}

	/**
	 * What the listing shows of one trace.
	 *
	 * @param id the trace id
	 * @param startTime when the request started, ISO-8601 UTC
	 * @param method the HTTP method
	 * @param path the request path
	 * @param status the response status
	 * @param durationMicros how long the exchange took
	 * @param application the recording application
	 * @param hasException whether an exception escaped the handler
	 * @param exceptionType its class name
	 * @param eventCount the number of events in the trace
	 * @param origin where the trace came from: {@code request}, {@code replay}, {@code self-call} or
	 * {@code generated-test}
	 * @param originTraceId the related trace: the one replayed, the caller, the one the test was
	 * generated from; {@code null} for an ordinary request
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	@JsonPropertyOrder({ "id", "startTime", "method", "path", "status", "durationMicros", "application", "hasException",
			"exceptionType", "eventCount", "origin", "originTraceId" })
	public record Summary(String id, String startTime, String method, String path, int status, long durationMicros,
			@Nullable String application, boolean hasException, @Nullable String exceptionType, int eventCount,
			String origin, @Nullable String originTraceId) {

		static Summary of(TraceSummary summary) {
			return new Summary(summary.id().toString(), summary.startTime().toString(), summary.method(),
					summary.path(), summary.status(), summary.durationMicros(), summary.application(),
					summary.exceptionType() != null, summary.exceptionType(), summary.eventCount(),
					summary.origin().parameterName(),
					(summary.originTraceId() != null) ? summary.originTraceId().toString() : null);
		}

	}

}
