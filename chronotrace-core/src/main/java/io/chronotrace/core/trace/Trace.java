package io.chronotrace.core.trace;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * One recorded HTTP exchange: the request, the response, what went wrong and what happened
 * inside it, in order. This is what a backend stores as {@code trace.json}; see
 * {@code docs/trace-format.md}.
 *
 * @param schemaVersion the version of this format, {@link #SCHEMA_VERSION} when written
 * @param id the trace id
 * @param startTime when the request reached the application
 * @param durationMicros how long the exchange took, in microseconds
 * @param application the {@code spring.application.name} of the recording application
 * @param request the request
 * @param response the response the client received
 * @param exception the exception that escaped the handler, if any
 * @param events what happened during the request, in the order it happened
 * @param droppedEvents how many events were not kept because the trace reached its event bound
 * @param tracing the distributed tracing context (Micrometer Tracing) of the request, if any
 * @param attachments bodies kept outside {@code trace.json}, waiting to be stored; never
 * serialized, empty on traces read back from storage
 */
@JsonPropertyOrder({ "schemaVersion", "id", "startTime", "durationMicros", "application", "request", "response",
		"exception", "tracing", "droppedEvents", "events" })
public record Trace(int schemaVersion, TraceId id, Instant startTime, long durationMicros, @Nullable String application,
		TraceRequest request, TraceResponse response, @Nullable TraceError exception, List<TraceEvent> events,
		int droppedEvents, @Nullable TracingContext tracing, @JsonIgnore List<TraceAttachment> attachments) {

	/**
	 * The schema version this code writes: 3 since a JSON body may be kept as a JSON
	 * value rather than an escaped string, 2 since database events may hold their
	 * results. Traces of every earlier version read as they are.
	 */
	public static final int SCHEMA_VERSION = 3;

	/** The first version whose bodies may be kept as JSON values. */
	static final int JSON_BODIES_VERSION = 3;

	public Trace {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(startTime, "startTime");
		Objects.requireNonNull(request, "request");
		Objects.requireNonNull(response, "response");
		events = (events != null) ? List.copyOf(events) : List.of();
		attachments = (attachments != null) ? List.copyOf(attachments) : List.of();
	}

	/**
	 * The duration of the exchange.
	 * @return the duration
	 */
	public Duration duration() {
		return Duration.ofNanos(this.durationMicros * 1000);
	}

	/**
	 * The summary of this trace that listings read ({@code metadata.json}).
	 * @return the summary
	 */
	public TraceSummary summary() {
		TraceOrigins.Origin origin = TraceOrigins.of(this);
		return new TraceSummary(this.id, this.startTime, this.durationMicros, this.application, this.request.method(),
				this.request.path(), this.response.status(), (this.exception != null) ? this.exception.type() : null,
				this.events.size(), origin.origin(), origin.traceId());
	}

	/**
	 * A copy of this trace with other events.
	 * @param events the events
	 * @param droppedEvents the number of dropped events
	 * @return the copy
	 */
	public Trace withEvents(List<TraceEvent> events, int droppedEvents) {
		return new Trace(this.schemaVersion, this.id, this.startTime, this.durationMicros, this.application,
				this.request, this.response, this.exception, events, droppedEvents, this.tracing, this.attachments);
	}

	/**
	 * A copy of this trace with another request, response and exception, as scrubbing makes.
	 * @param request the request
	 * @param response the response
	 * @param exception the exception
	 * @return the copy
	 */
	public Trace withExchange(TraceRequest request, TraceResponse response, @Nullable TraceError exception) {
		return new Trace(this.schemaVersion, this.id, this.startTime, this.durationMicros, this.application, request,
				response, exception, this.events, this.droppedEvents, this.tracing, this.attachments);
	}

	/**
	 * A copy of this trace without attachments, as it is read back from storage.
	 * @return the copy
	 */
	public Trace withoutAttachments() {
		return new Trace(this.schemaVersion, this.id, this.startTime, this.durationMicros, this.application,
				this.request, this.response, this.exception, this.events, this.droppedEvents, this.tracing, List.of());
	}

	/**
	 * The names of the attachments this trace's bodies refer to (the exchange's and those of
	 * outbound calls), in the order they appear; what a stored trace needs beside its
	 * {@code trace.json}.
	 * @return the names, each once
	 */
	public Set<String> referencedAttachments() {
		Set<String> names = new LinkedHashSet<>();
		addAttachment(names, this.request.body());
		addAttachment(names, this.response.body());
		for (TraceEvent event : this.events) {
			if (event instanceof HttpClientEvent call) {
				addAttachment(names, call.requestBody());
				addAttachment(names, call.responseBody());
			}
		}
		return names;
	}

	private static void addAttachment(Set<String> names, @Nullable TraceBody body) {
		if (body != null && body.encoding() == TraceBody.Encoding.ATTACHMENT && body.attachment() != null) {
			names.add(body.attachment());
		}
	}

	/**
	 * Deletes the temporary files of this trace's attachments; called once the trace is stored
	 * or dropped.
	 */
	public void releaseAttachments() {
		for (TraceAttachment attachment : this.attachments) {
			attachment.release();
		}
	}

}
