package io.chronotrace.actuate.endpoint;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.chronotrace.core.storage.PurgeResult;
import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.TraceStorageException;
import io.chronotrace.core.support.BoundedText;
import io.chronotrace.core.trace.InvalidTraceIdException;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceAttachment;
import io.chronotrace.core.trace.TraceCodec;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.trace.TraceOrigins;
import io.chronotrace.core.write.TraceWriter;
import io.chronotrace.replay.ReplayException;
import io.chronotrace.replay.ReplayNotAllowedException;
import io.chronotrace.replay.ReplayRefusedException;
import io.chronotrace.replay.ReplayResult;
import io.chronotrace.replay.TraceReplayer;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.core.io.InputStreamResource;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;

/**
 * The {@code chronotrace} actuator endpoint: the stored traces, their exports and the trace
 * browser page. Read-only unless {@code management.endpoint.chronotrace.access} is
 * {@code unrestricted}; exposed over the web only when included in
 * {@code management.endpoints.web.exposure.include}, as every actuator endpoint.
 * <p>
 * Ids from the URL are parsed strictly ({@link TraceId#parse}) before anything reaches the
 * storage, so no URL can name a file. Mistakes in the request answer 400 with a message,
 * unknown traces 404, a storage that cannot be reached 503 (bodies:
 * {@link EndpointError}).
 * <p>
 * Traces reach the storage a few milliseconds after their request's answer, from the writer's
 * queue: so that a client who just had an answer finds its trace, a listing first waits (up to
 * {@link #LIST_WAIT}) for what was queued before it, and a read or delete that finds nothing
 * waits (up to {@link #READ_WAIT}) and tries again.
 */
@Endpoint(id = ChronoTraceEndpoint.ID, defaultAccess = Access.READ_ONLY)
public class ChronoTraceEndpoint {

	/** The endpoint id. */
	public static final String ID = "chronotrace";

	static final MimeType TEXT_HTML = MimeType.valueOf("text/html;charset=UTF-8");

	static final MimeType TEXT_PLAIN = MimeType.valueOf("text/plain;charset=UTF-8");

	/** The longest a listing waits for the traces queued before it. */
	static final Duration LIST_WAIT = Duration.ofSeconds(1);

	/** The longest a read of a trace that is not there waits for the traces queued before it. */
	static final Duration READ_WAIT = Duration.ofSeconds(2);

	/** Stands in where there is no writer: nothing is ever queued. */
	private static final TraceWriter NOTHING_QUEUED = (trace) -> {
		throw new UnsupportedOperationException("the endpoint writes no trace");
	};

	private final TraceStorage storage;

	private final TraceBrowserPage page;

	private final TraceExports exports;

	private final Clock clock;

	private final @Nullable TraceReplayer replayer;

	private final EndpointAudit audit;

	private final TraceWriter writer;

	/**
	 * Creates the endpoint, without replay.
	 * @param storage where the traces are
	 * @param page the trace browser page
	 * @param exports the curl and JUnit exports
	 * @param clock the clock purges count from
	 */
	public ChronoTraceEndpoint(TraceStorage storage, TraceBrowserPage page, TraceExports exports, Clock clock) {
		this(storage, page, exports, clock, null, EndpointAudit.OFF);
	}

	/**
	 * Creates the endpoint.
	 * @param storage where the traces are
	 * @param page the trace browser page
	 * @param exports the curl and JUnit exports
	 * @param clock the clock purges count from
	 * @param replayer replays traces against the running application; {@code null} when it
	 * cannot (not a servlet web application)
	 * @param audit logs who read, exported, replayed, deleted or purged what
	 */
	public ChronoTraceEndpoint(TraceStorage storage, TraceBrowserPage page, TraceExports exports, Clock clock,
			@Nullable TraceReplayer replayer, EndpointAudit audit) {
		this(storage, page, exports, clock, replayer, audit, null);
	}

	/**
	 * Creates the endpoint.
	 * @param storage where the traces are
	 * @param page the trace browser page
	 * @param exports the curl and JUnit exports
	 * @param clock the clock purges count from
	 * @param replayer replays traces against the running application; {@code null} when it
	 * cannot (not a servlet web application)
	 * @param audit logs who read, exported, replayed, deleted or purged what
	 * @param writer the writer that stores recorded traces, whose queue reads wait for;
	 * {@code null} when there is none
	 */
	public ChronoTraceEndpoint(TraceStorage storage, TraceBrowserPage page, TraceExports exports, Clock clock,
			@Nullable TraceReplayer replayer, EndpointAudit audit, @Nullable TraceWriter writer) {
		this.writer = (writer != null) ? writer : NOTHING_QUEUED;
		this.storage = storage;
		this.page = page;
		this.exports = exports;
		this.clock = clock;
		this.replayer = replayer;
		this.audit = audit;
	}

	/**
	 * One page of trace summaries, newest first, as JSON; or the trace browser page when the
	 * client asks for {@code text/html}.
	 * @param format what the client accepts
	 * @param from the earliest start time: an instant or a date
	 * @param to the latest start time: an instant (excluded) or a date (included)
	 * @param status a status or a class, {@code 500} or {@code 5xx}
	 * @param method an HTTP method
	 * @param path the start of the request path
	 * @param minDuration the shortest duration in milliseconds
	 * @param limit the page size, default 50, at most 1000
	 * @param cursor the {@code next} of the previous page
	 * @param origin the origins to keep, separated by commas: {@code request}, {@code replay},
	 * {@code self-call}, {@code generated-test}
	 * @return the page of summaries, the HTML page or a 400 answer
	 */
	@ReadOperation(producesFrom = TraceListFormat.class)
	public WebEndpointResponse<Object> traces(@Nullable TraceListFormat format, @Nullable String from,
			@Nullable String to, @Nullable String status, @Nullable String method, @Nullable String path,
			@Nullable String minDuration, @Nullable String limit, @Nullable String cursor, @Nullable String origin) {
		if (format == TraceListFormat.HTML) {
			return new WebEndpointResponse<>(this.page.render(), WebEndpointResponse.STATUS_OK, TEXT_HTML);
		}
		TraceListParameters parameters = new TraceListParameters(from, to, status, method, path, minDuration, limit,
				cursor, origin);
		try {
			TraceQuery query = parameters.toQuery();
			this.writer.awaitStored(LIST_WAIT);
			TraceListDescriptor page = TraceListDescriptor.of(this.storage.list(query));
			return new WebEndpointResponse<>(page, (format != null) ? format : TraceListFormat.JSON);
		}
		catch (IllegalArgumentException ex) {
			return EndpointError.badRequest(ex.getMessage());
		}
		catch (TraceStorageException ex) {
			return EndpointError.unavailable(ex.getMessage());
		}
	}

	/**
	 * A whole trace, as stored (the JSON of {@code docs/trace-format.md}), with where it came from
	 * first: {@code origin} and {@code originTraceId}, as the listing shows them.
	 * @param id the trace id
	 * @param security who asks, for the audit log
	 * @return the trace, 404 when there is none, 400 for a malformed id
	 */
	@ReadOperation
	public WebEndpointResponse<Object> trace(@Selector String id, SecurityContext security) {
		return audited("read", id, security, withTrace(id, (trace) -> new WebEndpointResponse<>(withOrigin(trace),
				WebEndpointResponse.STATUS_OK, MimeTypeUtils.APPLICATION_JSON)));
	}

	/** The trace's JSON with its origin's two members put first. */
	private static byte[] withOrigin(Trace trace) {
		byte[] json = TraceCodec.get().toBytes(trace);
		TraceOrigins.Origin origin = TraceOrigins.of(trace);
		// both values are made of letters, digits and dashes: nothing to escape
		String members = "{\"origin\":\"" + origin.origin().parameterName() + "\",\"originTraceId\":"
				+ ((origin.traceId() != null) ? "\"" + origin.traceId() + "\"" : "null") + ",";
		byte[] prefix = members.getBytes(StandardCharsets.US_ASCII);
		byte[] answer = new byte[prefix.length + json.length - 1];
		System.arraycopy(prefix, 0, answer, 0, prefix.length);
		System.arraycopy(json, 1, answer, prefix.length, json.length - 1);
		return answer;
	}

	/**
	 * An export of a trace as text: {@code curl}, a command that repeats the request, or
	 * {@code test}, the Java source of a JUnit test that repeats it and checks the answer.
	 * @param id the trace id
	 * @param export {@code curl} or {@code test}
	 * @param base for {@code curl}: the base URL to send the request to; default: this
	 * application's own address (never the host the recorded client claimed)
	 * @param isolated for {@code test}: a test that answers the request's SQL statements and
	 * outbound calls from the recording, which it embeds, so that it runs with no database and
	 * no remote service
	 * @param security who asks, for the audit log
	 * @return the text, 404 for an unknown trace or export, 400 for a malformed id or base
	 */
	@ReadOperation(produces = "text/plain;charset=UTF-8")
	public WebEndpointResponse<Object> export(@Selector String id, @Selector String export, @Nullable String base,
			@Nullable Boolean isolated, SecurityContext security) {
		if (!TraceExports.isExport(export)) {
			return EndpointError.notFound("No export '" + BoundedText.shown(export, 64) + "': use curl or test");
		}
		boolean isolatedTest = Boolean.TRUE.equals(isolated);
		return audited("export " + export + (isolatedTest ? " isolated" : ""), id, security, withTrace(id, (trace) -> {
			try {
				return new WebEndpointResponse<>(this.exports.export(export, trace, base, isolatedTest),
						WebEndpointResponse.STATUS_OK, TEXT_PLAIN);
			}
			catch (IllegalArgumentException ex) {
				return EndpointError.badRequest(ex.getMessage());
			}
		}));
	}

	/**
	 * The content of an attachment: a body too large to be kept inside the trace.
	 * @param id the trace id
	 * @param attachments the literal {@code attachments}
	 * @param name the attachment name, as the trace's body gives it
	 * @param security who asks, for the audit log
	 * @return the bytes, 404 when there is no such attachment, 400 for a malformed id or name
	 */
	@ReadOperation(produces = "application/octet-stream")
	public WebEndpointResponse<Object> attachment(@Selector String id, @Selector String attachments,
			@Selector String name, SecurityContext security) {
		if (!"attachments".equals(attachments)) {
			return EndpointError.notFound("Nothing at '" + BoundedText.shown(attachments, 64)
					+ "': attachments are under attachments/{name}");
		}
		return audited("read attachment " + BoundedText.shown(name, 64), id, security, attachment(id, name));
	}

	private WebEndpointResponse<Object> attachment(String id, String name) {
		TraceId traceId;
		try {
			traceId = TraceId.parse(id);
		}
		catch (InvalidTraceIdException ex) {
			return EndpointError.badRequest(ex.getMessage());
		}
		if (!TraceAttachment.isValidName(name)) {
			return EndpointError.badRequest("Invalid attachment name: an attachment name is made of lower-case letters,"
					+ " digits, dots and dashes, such as response-body");
		}
		Optional<InputStream> content;
		try {
			content = this.storage.openAttachment(traceId, name);
		}
		catch (TraceStorageException ex) {
			return EndpointError.unavailable(ex.getMessage());
		}
		if (content.isEmpty()) {
			return EndpointError.notFound("Trace " + traceId + " has no attachment " + name);
		}
		return new WebEndpointResponse<>(new InputStreamResource(content.get()), WebEndpointResponse.STATUS_OK,
				MimeTypeUtils.APPLICATION_OCTET_STREAM);
	}

	/**
	 * Deletes a trace (write access).
	 * @param id the trace id
	 * @param security who asks, for the audit log
	 * @return 204 when deleted, 404 when there was none, 400 for a malformed id
	 */
	@DeleteOperation
	public WebEndpointResponse<Object> delete(@Selector String id, SecurityContext security) {
		return audited("delete", id, security, deleteTrace(id));
	}

	private WebEndpointResponse<Object> deleteTrace(String id) {
		TraceId traceId;
		try {
			traceId = TraceId.parse(id);
		}
		catch (InvalidTraceIdException ex) {
			return EndpointError.badRequest(ex.getMessage());
		}
		try {
			// a trace still queued when the delete came would be stored after it
			if (!onStoredTrace(() -> this.storage.delete(traceId), (deleted) -> !deleted)) {
				return EndpointError.notFound("No trace " + traceId);
			}
		}
		catch (TraceStorageException ex) {
			return EndpointError.unavailable(ex.getMessage());
		}
		return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NO_CONTENT);
	}

	/**
	 * Deletes the traces older than a duration now (write access):
	 * {@code {"olderThan":"P3D"}}.
	 * @param olderThan an ISO-8601 duration such as {@code P3D} or {@code PT12H}
	 * @param security who asks, for the audit log
	 * @return how many were deleted, or 400
	 */
	@WriteOperation
	public WebEndpointResponse<Object> purge(@Nullable String olderThan, SecurityContext security) {
		return audited("purge older than", String.valueOf(olderThan), security, purgeOlderThan(olderThan));
	}

	private WebEndpointResponse<Object> purgeOlderThan(@Nullable String olderThan) {
		if (olderThan == null || olderThan.isBlank()) {
			return EndpointError.badRequest("Missing olderThan: send {\"olderThan\":\"P3D\"} to delete the traces"
					+ " older than three days");
		}
		Duration age;
		try {
			age = Duration.parse(olderThan.trim());
		}
		catch (DateTimeParseException ex) {
			age = null;
		}
		if (age == null || age.isNegative()) {
			return EndpointError.badRequest("Invalid olderThan '" + olderThan.replaceAll("\\p{Cntrl}", "?")
					+ "': use an ISO-8601 duration such as P3D (three days) or PT12H (twelve hours)");
		}
		PurgeResult purged;
		try {
			purged = this.storage.purgeOlderThan(this.clock.instant().minus(age));
		}
		catch (TraceStorageException ex) {
			return EndpointError.unavailable(ex.getMessage());
		}
		return new WebEndpointResponse<>(PurgeDescriptor.of(purged), MimeTypeUtils.APPLICATION_JSON);
	}

	/**
	 * Replays a trace's request against the running application (write access) and compares
	 * the responses: {@code POST .../{id}/replay}, isolated with {@code ?isolated=true} or the
	 * body {@code {"isolated":true}}, when outbound calls are answered from the recording.
	 * @param id the trace id
	 * @param action the literal {@code replay}
	 * @param isolated whether outbound calls are answered from the trace's recorded calls
	 * @param security who asks, for the audit log
	 * @return the comparison; 404 for an unknown trace, 400 for a malformed id or an isolated
	 * replay to another target, 403 for a method that may not be replayed
	 * ({@code chronotrace.replay.allowed-methods}), 502 when the replay got no response, 503 when the storage
	 * cannot be reached
	 */
	@WriteOperation
	public WebEndpointResponse<Object> replay(@Selector String id, @Selector String action,
			@Nullable Boolean isolated, SecurityContext security) {
		if (!"replay".equals(action)) {
			return EndpointError.notFound("Nothing at '" + BoundedText.shown(action, 64)
					+ "': a trace is replayed at {id}/replay");
		}
		TraceReplayer replayer = this.replayer;
		if (replayer == null) {
			return EndpointError.notFound("Replay needs a servlet web application");
		}
		return audited(Boolean.TRUE.equals(isolated) ? "replay isolated" : "replay", id, security, withTrace(id, (trace) -> {
			try {
				ReplayResult result = replayer.replay(trace, Boolean.TRUE.equals(isolated));
				return new WebEndpointResponse<>(ReplayDescriptor.of(result), MimeTypeUtils.APPLICATION_JSON);
			}
			catch (ReplayNotAllowedException ex) {
				return EndpointError.forbidden(ex.getMessage());
			}
			catch (ReplayRefusedException ex) {
				return EndpointError.badRequest(ex.getMessage());
			}
			catch (ReplayException ex) {
				return new WebEndpointResponse<>(new EndpointError(502, "Bad Gateway", ex.getMessage()), 502,
						MimeTypeUtils.APPLICATION_JSON);
			}
		}));
	}

	private WebEndpointResponse<Object> audited(String action, String subject, SecurityContext security,
			WebEndpointResponse<Object> response) {
		this.audit.record(action, subject, response.getStatus(), security);
		return response;
	}

	/**
	 * Answers with a trace read from the storage: 400 for a malformed id, 404 when there is no
	 * such trace, 503 when the storage cannot be reached. For operations on one trace, the
	 * replay among them.
	 * @param id the id from the URL
	 * @param answer the answer for the trace
	 * @return the answer, or the error
	 */
	protected WebEndpointResponse<Object> withTrace(String id, Function<Trace, WebEndpointResponse<Object>> answer) {
		TraceId traceId;
		try {
			traceId = TraceId.parse(id);
		}
		catch (InvalidTraceIdException ex) {
			return EndpointError.badRequest(ex.getMessage());
		}
		Optional<Trace> trace;
		try {
			trace = onStoredTrace(() -> this.storage.retrieve(traceId), Optional::isEmpty);
		}
		catch (TraceStorageException ex) {
			return EndpointError.unavailable(ex.getMessage());
		}
		if (trace.isEmpty()) {
			return EndpointError.notFound("No trace " + traceId);
		}
		return answer.apply(trace.get());
	}

	/**
	 * Does an operation on one trace, and once more if it found no trace while the writer had
	 * traces queued, after those are stored: the trace may have been among them. Where nothing
	 * was queued, a trace that is not there costs the storage one look, not two.
	 */
	private <T> T onStoredTrace(Supplier<T> operation, Predicate<T> missing) {
		boolean nothingQueued = this.writer.awaitStored(Duration.ZERO);
		T result = operation.get();
		if (missing.test(result) && !nothingQueued && this.writer.awaitStored(READ_WAIT)) {
			result = operation.get();
		}
		return result;
	}

}
