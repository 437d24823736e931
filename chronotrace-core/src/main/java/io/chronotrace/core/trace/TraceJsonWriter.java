package io.chronotrace.core.trace;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.chronotrace.core.support.InstantText;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;

/**
 * Writes traces and summaries with the streaming generator, walking the model by hand: the same
 * bytes as the codec's databind mapper gives (property order, {@code NON_NULL} inclusion, the
 * events' {@code type} first, instants as ISO-8601 text) without its per-property accessors,
 * serializer lookups and instant formatter, since the storage writer serializes every recorded
 * request. The text itself is encoded by Jackson's generator, as databind does.
 * {@code TraceJsonWriterTests} compares both on every record of the model: a component added to a
 * record must be added here too.
 * <p>
 * Bodies are the exception: a trace of version 3 or later keeps a text body that is one JSON
 * value as that value ({@link JsonBodies}), which databind, knowing no versions, does not.
 */
final class TraceJsonWriter {

	private static final SerializableString SCHEMA_VERSION = name("schemaVersion");

	private static final SerializableString ID = name("id");

	private static final SerializableString START_TIME = name("startTime");

	private static final SerializableString DURATION_MICROS = name("durationMicros");

	private static final SerializableString APPLICATION = name("application");

	private static final SerializableString REQUEST = name("request");

	private static final SerializableString RESPONSE = name("response");

	private static final SerializableString EXCEPTION = name("exception");

	private static final SerializableString TRACING = name("tracing");

	private static final SerializableString DROPPED_EVENTS = name("droppedEvents");

	private static final SerializableString EVENTS = name("events");

	private static final SerializableString METHOD = name("method");

	private static final SerializableString URL = name("url");

	private static final SerializableString PATH = name("path");

	private static final SerializableString QUERY = name("query");

	private static final SerializableString HEADERS = name("headers");

	private static final SerializableString BODY = name("body");

	private static final SerializableString REMOTE_ADDRESS = name("remoteAddress");

	private static final SerializableString STATUS = name("status");

	private static final SerializableString SIZE = name("size");

	private static final SerializableString CONTENT_TYPE = name("contentType");

	private static final SerializableString ENCODING = name("encoding");

	private static final SerializableString CONTENT = name("content");

	private static final SerializableString JSON = name("json");

	private static final SerializableString JSON_ENCODING = name("JSON");

	private static final SerializableString ATTACHMENT = name("attachment");

	private static final SerializableString CHARSET = name("charset");

	private static final SerializableString CAPTURED_SIZE = name("capturedSize");

	private static final SerializableString TRUNCATED = name("truncated");

	private static final SerializableString TYPE = name("type");

	private static final SerializableString MESSAGE = name("message");

	private static final SerializableString STACK_TRACE = name("stackTrace");

	private static final SerializableString OMITTED_FRAMES = name("omittedFrames");

	private static final SerializableString CAUSE = name("cause");

	private static final SerializableString TRACE_ID = name("traceId");

	private static final SerializableString SPAN_ID = name("spanId");

	private static final SerializableString EXCEPTION_TYPE = name("exceptionType");

	private static final SerializableString EVENT_COUNT = name("eventCount");

	private static final SerializableString ORIGIN = name("origin");

	private static final SerializableString ORIGIN_TRACE_ID = name("originTraceId");

	private static final SerializableString OFFSET_MICROS = name("offsetMicros");

	private static final SerializableString OUTCOME = name("outcome");

	private static final SerializableString DATA_SOURCE = name("dataSource");

	private static final SerializableString SQL = name("sql");

	private static final SerializableString PARAMETERS = name("parameters");

	private static final SerializableString BATCH_SIZE = name("batchSize");

	private static final SerializableString ROWS = name("rows");

	private static final SerializableString ERROR = name("error");

	private static final SerializableString REPEATED = name("repeated");

	private static final SerializableString RESULT = name("result");

	private static final SerializableString UPDATE_COUNTS = name("updateCounts");

	private static final SerializableString GENERATED_KEYS = name("generatedKeys");

	private static final SerializableString FAILURE = name("failure");

	private static final SerializableString COLUMNS = name("columns");

	private static final SerializableString CUT = name("cut");

	private static final SerializableString SCRUBBED_COLUMNS = name("scrubbedColumns");

	private static final SerializableString LABEL = name("label");

	private static final SerializableString TYPE_NAME = name("typeName");

	private static final SerializableString CLASS_NAME = name("className");

	private static final SerializableString OMITTED = name("omitted");

	private static final SerializableString SQL_STATE = name("sqlState");

	private static final SerializableString ERROR_CODE = name("errorCode");

	private static final SerializableString CLIENT = name("client");

	private static final SerializableString REQUEST_HEADERS = name("requestHeaders");

	private static final SerializableString REQUEST_BODY = name("requestBody");

	private static final SerializableString REQUEST_SIZE = name("requestSize");

	private static final SerializableString RESPONSE_HEADERS = name("responseHeaders");

	private static final SerializableString RESPONSE_BODY = name("responseBody");

	private static final SerializableString RESPONSE_SIZE = name("responseSize");

	private static final SerializableString OPERATION = name("operation");

	private static final SerializableString CACHE = name("cache");

	private static final SerializableString KEY = name("key");

	private static final SerializableString NAME = name("name");

	private static final SerializableString THREAD = name("thread");

	private static final SerializableString QUEUED_MICROS = name("queuedMicros");

	private static final SerializableString LEVEL = name("level");

	private static final SerializableString LOGGER = name("logger");

	private static final SerializableString MDC = name("mdc");

	private static final SerializableString HANDLED = name("handled");

	private static final SerializableString ATTRIBUTES = name("attributes");

	private static final SerializableString DATABASE_TYPE = name("database");

	private static final SerializableString HTTP_TYPE = name("http");

	private static final SerializableString CACHE_TYPE = name("cache");

	private static final SerializableString JOB_TYPE = name("job");

	private static final SerializableString LOG_TYPE = name("log");

	private static final SerializableString EXCEPTION_TYPE_VALUE = name("exception");

	private static final SerializableString CUSTOM_TYPE = name("custom");

	private TraceJsonWriter() {
	}

	/**
	 * Writes a trace in the order of {@link Trace}'s {@code @JsonPropertyOrder}, without its
	 * attachments ({@code @JsonIgnore}).
	 * @param trace the trace
	 * @param gen the generator, left open
	 * @param jsonBodies whether bodies that are one JSON value are kept as that value, when
	 * the trace's version has them; {@code false} for every body as a string
	 */
	static void write(Trace trace, JsonGenerator gen, boolean jsonBodies) {
		boolean bodies = jsonBodies && trace.schemaVersion() >= Trace.JSON_BODIES_VERSION;
		gen.writeStartObject();
		gen.writeName(SCHEMA_VERSION);
		gen.writeNumber(trace.schemaVersion());
		field(gen, ID, trace.id());
		field(gen, START_TIME, trace.startTime());
		gen.writeName(DURATION_MICROS);
		gen.writeNumber(trace.durationMicros());
		field(gen, APPLICATION, trace.application());
		if (trace.request() != null) {
			gen.writeName(REQUEST);
			write(trace.request(), gen, bodies);
		}
		if (trace.response() != null) {
			gen.writeName(RESPONSE);
			write(trace.response(), gen, bodies);
		}
		field(gen, EXCEPTION, trace.exception());
		if (trace.tracing() != null) {
			gen.writeName(TRACING);
			gen.writeStartObject();
			field(gen, TRACE_ID, trace.tracing().traceId());
			field(gen, SPAN_ID, trace.tracing().spanId());
			gen.writeEndObject();
		}
		gen.writeName(DROPPED_EVENTS);
		gen.writeNumber(trace.droppedEvents());
		gen.writeName(EVENTS);
		gen.writeStartArray();
		for (TraceEvent event : trace.events()) {
			write(event, gen, bodies);
		}
		gen.writeEndArray();
		gen.writeEndObject();
	}

	/**
	 * Writes a summary in the order of its record components.
	 * @param summary the summary
	 * @param gen the generator, left open
	 */
	static void write(TraceSummary summary, JsonGenerator gen) {
		gen.writeStartObject();
		field(gen, ID, summary.id());
		field(gen, START_TIME, summary.startTime());
		gen.writeName(DURATION_MICROS);
		gen.writeNumber(summary.durationMicros());
		field(gen, APPLICATION, summary.application());
		field(gen, METHOD, summary.method());
		field(gen, PATH, summary.path());
		gen.writeName(STATUS);
		gen.writeNumber(summary.status());
		field(gen, EXCEPTION_TYPE, summary.exceptionType());
		gen.writeName(EVENT_COUNT);
		gen.writeNumber(summary.eventCount());
		gen.writeName(ORIGIN);
		gen.writeString(summary.origin().name());
		field(gen, ORIGIN_TRACE_ID, summary.originTraceId());
		gen.writeEndObject();
	}

	private static void write(TraceRequest request, JsonGenerator gen, boolean bodies) {
		gen.writeStartObject();
		field(gen, METHOD, request.method());
		field(gen, URL, request.url());
		field(gen, PATH, request.path());
		field(gen, QUERY, request.query());
		headers(gen, HEADERS, request.headers());
		field(gen, BODY, request.body(), bodies);
		field(gen, REMOTE_ADDRESS, request.remoteAddress());
		gen.writeEndObject();
	}

	private static void write(TraceResponse response, JsonGenerator gen, boolean bodies) {
		gen.writeStartObject();
		gen.writeName(STATUS);
		gen.writeNumber(response.status());
		headers(gen, HEADERS, response.headers());
		field(gen, BODY, response.body(), bodies);
		gen.writeName(SIZE);
		gen.writeNumber(response.size());
		gen.writeEndObject();
	}

	private static void write(TraceBody body, JsonGenerator gen, boolean bodies) {
		gen.writeStartObject();
		field(gen, CONTENT_TYPE, body.contentType());
		byte[] json = bodies ? JsonBodies.keptAsJson(body) : null;
		if (json != null) {
			gen.writeName(ENCODING);
			gen.writeString(JSON_ENCODING);
			gen.writeName(JSON);
			// checked to be exactly one object or array: its bytes are what the reader takes back
			gen.writeRawValue(new RawJson(body.content(), json));
		}
		else {
			if (body.encoding() != null) {
				gen.writeName(ENCODING);
				// databind writes enums with toString() (Jackson 3's WRITE_ENUMS_USING_TO_STRING)
				gen.writeString(body.encoding().toString());
			}
			field(gen, CONTENT, body.content());
		}
		field(gen, ATTACHMENT, body.attachment());
		field(gen, CHARSET, body.charset());
		gen.writeName(SIZE);
		gen.writeNumber(body.size());
		gen.writeName(CAPTURED_SIZE);
		gen.writeNumber(body.capturedSize());
		gen.writeName(TRUNCATED);
		gen.writeBoolean(body.truncated());
		gen.writeEndObject();
	}

	private static void write(TraceError error, JsonGenerator gen) {
		gen.writeStartObject();
		field(gen, TYPE, error.type());
		field(gen, MESSAGE, error.message());
		strings(gen, STACK_TRACE, error.stackTrace());
		gen.writeName(OMITTED_FRAMES);
		gen.writeNumber(error.omittedFrames());
		field(gen, CAUSE, error.cause());
		gen.writeEndObject();
	}

	private static void write(TraceEvent event, JsonGenerator gen, boolean bodies) {
		gen.writeStartObject();
		// the type id comes first, then the components in their order (@JsonTypeInfo As.PROPERTY)
		gen.writeName(TYPE);
		if (event instanceof DatabaseEvent database) {
			gen.writeString(DATABASE_TYPE);
			common(event, gen);
			database(database, gen);
		}
		else if (event instanceof HttpClientEvent http) {
			gen.writeString(HTTP_TYPE);
			common(event, gen);
			http(http, gen, bodies);
		}
		else if (event instanceof CacheEvent cache) {
			gen.writeString(CACHE_TYPE);
			common(event, gen);
			field(gen, OPERATION, cache.operation());
			field(gen, CACHE, cache.cache());
			field(gen, KEY, cache.key());
		}
		else if (event instanceof JobEvent job) {
			gen.writeString(JOB_TYPE);
			common(event, gen);
			field(gen, NAME, job.name());
			field(gen, THREAD, job.thread());
			gen.writeName(QUEUED_MICROS);
			gen.writeNumber(job.queuedMicros());
			field(gen, ERROR, job.error());
		}
		else if (event instanceof LogEvent log) {
			gen.writeString(LOG_TYPE);
			common(event, gen);
			field(gen, LEVEL, log.level());
			field(gen, LOGGER, log.logger());
			field(gen, MESSAGE, log.message());
			field(gen, THREAD, log.thread());
			stringMap(gen, MDC, log.mdc());
			field(gen, ERROR, log.error());
		}
		else if (event instanceof ExceptionEvent exception) {
			gen.writeString(EXCEPTION_TYPE_VALUE);
			common(event, gen);
			field(gen, ERROR, exception.error());
			gen.writeName(HANDLED);
			gen.writeBoolean(exception.handled());
		}
		else if (event instanceof CustomEvent custom) {
			gen.writeString(CUSTOM_TYPE);
			common(event, gen);
			field(gen, NAME, custom.name());
			stringMap(gen, ATTRIBUTES, custom.attributes());
		}
		else {
			throw new IllegalStateException("Unknown event type " + event.getClass().getName());
		}
		gen.writeEndObject();
	}

	/** The components every event starts with. */
	private static void common(TraceEvent event, JsonGenerator gen) {
		gen.writeName(OFFSET_MICROS);
		gen.writeNumber(event.offsetMicros());
		gen.writeName(DURATION_MICROS);
		gen.writeNumber(event.durationMicros());
		field(gen, OUTCOME, event.outcome());
	}

	private static void database(DatabaseEvent event, JsonGenerator gen) {
		field(gen, DATA_SOURCE, event.dataSource());
		field(gen, SQL, event.sql());
		if (event.parameters() != null) {
			gen.writeName(PARAMETERS);
			gen.writeStartArray();
			for (List<String> entry : event.parameters()) {
				strings(gen, entry);
			}
			gen.writeEndArray();
		}
		gen.writeName(BATCH_SIZE);
		gen.writeNumber(event.batchSize());
		if (event.rows() != null) {
			gen.writeName(ROWS);
			gen.writeNumber(event.rows().longValue());
		}
		field(gen, ERROR, event.error());
		if (event.repeated() != null) {
			gen.writeName(REPEATED);
			gen.writeNumber(event.repeated().intValue());
		}
		field(gen, RESULT, event.result());
		if (event.updateCounts() != null) {
			gen.writeName(UPDATE_COUNTS);
			gen.writeStartArray();
			for (Long count : event.updateCounts()) {
				if (count != null) {
					gen.writeNumber(count.longValue());
				}
				else {
					gen.writeNull();
				}
			}
			gen.writeEndArray();
		}
		field(gen, GENERATED_KEYS, event.generatedKeys());
		SqlFailure failure = event.failure();
		if (failure != null) {
			gen.writeName(FAILURE);
			gen.writeStartObject();
			field(gen, TYPE, failure.type());
			field(gen, SQL_STATE, failure.sqlState());
			gen.writeName(ERROR_CODE);
			gen.writeNumber(failure.errorCode());
			field(gen, MESSAGE, failure.message());
			gen.writeEndObject();
		}
	}

	private static void field(JsonGenerator gen, SerializableString name, @Nullable SqlResult result) {
		if (result == null) {
			return;
		}
		gen.writeName(name);
		gen.writeStartObject();
		if (result.columns() != null) {
			gen.writeName(COLUMNS);
			gen.writeStartArray();
			for (SqlColumn column : result.columns()) {
				gen.writeStartObject();
				field(gen, LABEL, column.label());
				field(gen, NAME, column.name());
				gen.writeName(TYPE);
				gen.writeNumber(column.type());
				field(gen, TYPE_NAME, column.typeName());
				field(gen, CLASS_NAME, column.className());
				if (column.omitted() != null) {
					gen.writeName(OMITTED);
					gen.writeBoolean(column.omitted());
				}
				gen.writeEndObject();
			}
			gen.writeEndArray();
		}
		if (result.rows() != null) {
			gen.writeName(ROWS);
			gen.writeStartArray();
			for (List<String> row : result.rows()) {
				strings(gen, row);
			}
			gen.writeEndArray();
		}
		field(gen, CUT, result.cut());
		strings(gen, SCRUBBED_COLUMNS, result.scrubbedColumns());
		gen.writeEndObject();
	}

	private static void http(HttpClientEvent event, JsonGenerator gen, boolean bodies) {
		field(gen, CLIENT, event.client());
		field(gen, METHOD, event.method());
		field(gen, URL, event.url());
		if (event.status() != null) {
			gen.writeName(STATUS);
			gen.writeNumber(event.status().intValue());
		}
		headers(gen, REQUEST_HEADERS, event.requestHeaders());
		field(gen, REQUEST_BODY, event.requestBody(), bodies);
		gen.writeName(REQUEST_SIZE);
		gen.writeNumber(event.requestSize());
		headers(gen, RESPONSE_HEADERS, event.responseHeaders());
		field(gen, RESPONSE_BODY, event.responseBody(), bodies);
		if (event.responseSize() != null) {
			gen.writeName(RESPONSE_SIZE);
			gen.writeNumber(event.responseSize().longValue());
		}
		field(gen, ERROR, event.error());
	}

	private static void field(JsonGenerator gen, SerializableString name, @Nullable String value) {
		if (value != null) {
			gen.writeName(name);
			// bodies too take the generator's own escaping: escaping their UTF-8 bytes here was
			// no faster on an ASCII JSON body in the app, and half as fast on one with accents
			gen.writeString(value);
		}
	}

	private static void field(JsonGenerator gen, SerializableString name, @Nullable TraceId value) {
		if (value != null) {
			gen.writeName(name);
			gen.writeString(value.toString());
		}
	}

	private static void field(JsonGenerator gen, SerializableString name, @Nullable Instant value) {
		if (value != null) {
			gen.writeName(name);
			instant(gen, value);
		}
	}

	/** Writes an instant as databind does, the text of {@link Instant#toString()}. */
	static void instant(JsonGenerator gen, Instant instant) {
		char[] text = new char[InstantText.MAX_LENGTH];
		int length = InstantText.format(instant, text);
		if (length < 0) {
			gen.writeString(instant.toString());
		}
		else {
			gen.writeString(text, 0, length);
		}
	}

	private static void field(JsonGenerator gen, SerializableString name, @Nullable TraceBody value,
			boolean bodies) {
		if (value != null) {
			gen.writeName(name);
			write(value, gen, bodies);
		}
	}

	private static void field(JsonGenerator gen, SerializableString name, @Nullable TraceError value) {
		if (value != null) {
			gen.writeName(name);
			write(value, gen);
		}
	}

	private static void strings(JsonGenerator gen, SerializableString name, @Nullable List<String> values) {
		if (values != null) {
			gen.writeName(name);
			strings(gen, values);
		}
	}

	private static void strings(JsonGenerator gen, List<String> values) {
		gen.writeStartArray();
		for (int i = 0, n = values.size(); i < n; i++) {
			String value = values.get(i);
			if (value != null) {
				gen.writeString(value);
			}
			else {
				gen.writeNull();
			}
		}
		gen.writeEndArray();
	}

	private static void headers(JsonGenerator gen, SerializableString name,
			@Nullable Map<String, List<String>> headers) {
		if (headers != null) {
			gen.writeName(name);
			gen.writeStartObject();
			// forEach: the entries of an unmodifiable map's entrySet() are each wrapped in a new object
			headers.forEach((header, values) -> {
				gen.writeName(key(header));
				strings(gen, values);
			});
			gen.writeEndObject();
		}
	}

	private static void stringMap(JsonGenerator gen, SerializableString name, @Nullable Map<String, String> map) {
		if (map != null) {
			gen.writeName(name);
			gen.writeStartObject();
			map.forEach((key, value) -> {
				gen.writeName(key(key));
				gen.writeString(value);
			});
			gen.writeEndObject();
		}
	}

	private static String key(@Nullable String key) {
		if (key == null) {
			// as databind refuses it, rather than writing invalid JSON
			throw new IllegalArgumentException("Null key for a Map not allowed in JSON");
		}
		return key;
	}

	/** A name or a constant value, quoted and encoded once. */
	private static SerializableString name(String text) {
		return new SerializedString(text);
	}

}
