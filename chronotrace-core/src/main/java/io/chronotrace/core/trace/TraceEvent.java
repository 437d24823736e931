package io.chronotrace.core.trace;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Something that happened while a request was handled: a SQL statement, an outbound HTTP call, a
 * cache operation, a job, a log record, an exception or an application's own event.
 * <p>
 * Every event carries its start as an offset from the request start, its duration and its
 * outcome. In JSON the {@code type} field names the kind.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = DatabaseEvent.class, name = "database"),
		@JsonSubTypes.Type(value = HttpClientEvent.class, name = "http"),
		@JsonSubTypes.Type(value = CacheEvent.class, name = "cache"),
		@JsonSubTypes.Type(value = JobEvent.class, name = "job"), @JsonSubTypes.Type(value = LogEvent.class, name = "log"),
		@JsonSubTypes.Type(value = ExceptionEvent.class, name = "exception"),
		@JsonSubTypes.Type(value = CustomEvent.class, name = "custom") })
public sealed interface TraceEvent
		permits DatabaseEvent, HttpClientEvent, CacheEvent, JobEvent, LogEvent, ExceptionEvent, CustomEvent {

	/** Outcome of an event that completed normally. */
	String OK = "ok";

	/** Outcome of an event that failed. */
	String ERROR = "error";

	/**
	 * When the event started, in microseconds after the request started.
	 * @return the start offset
	 */
	long offsetMicros();

	/**
	 * How long the event took, in microseconds; 0 for instantaneous events such as log records.
	 * @return the duration
	 */
	long durationMicros();

	/**
	 * How the event ended: {@link #OK}, {@link #ERROR}, or a kind-specific word such as
	 * {@code hit} or {@code miss} for cache reads.
	 * @return the outcome
	 */
	String outcome();

}
