package io.chronotrace.core.scrub;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.chronotrace.core.trace.CacheEvent;
import io.chronotrace.core.trace.CustomEvent;
import io.chronotrace.core.trace.DatabaseEvent;
import io.chronotrace.core.trace.ExceptionEvent;
import io.chronotrace.core.trace.HttpClientEvent;
import io.chronotrace.core.trace.JobEvent;
import io.chronotrace.core.trace.LogEvent;
import io.chronotrace.core.trace.SqlFailure;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceBody;
import io.chronotrace.core.trace.TraceError;
import io.chronotrace.core.trace.TraceEvent;
import io.chronotrace.core.trace.TraceRequest;
import io.chronotrace.core.trace.TraceResponse;
import org.jspecify.annotations.Nullable;

/**
 * Scrubs everything in a finished trace but the request and response bodies, which were
 * scrubbed while they were captured ({@link DefaultBodyScrubber}) and are not parsed again:
 * <ul>
 * <li>request and response headers, the URL (user info, path parameters, query, fragment,
 * path), the path and the query;</li>
 * <li>SQL: bind values and literals of matching columns, value patterns on the SQL and the
 * other values; the recorded rows of results and generated keys by column name
 * ({@link SqlResultScrubber}), the message of a recorded failure;</li>
 * <li>outbound calls: URL, headers and text bodies;</li>
 * <li>log messages, MDC (matching keys masked, free text scrubbed), exception messages and
 * their causes, custom event attributes, cache keys.</li>
 * </ul>
 */
public final class DefaultTraceScrubber implements TraceScrubber {

	private final ScrubRules rules;

	private final HttpScrubber http;

	private final SqlScrubber sql;

	private final SqlResultScrubber results;

	private final DefaultBodyScrubber bodies;

	/**
	 * Creates a scrubber.
	 * @param rules what to scrub
	 */
	public DefaultTraceScrubber(ScrubRules rules) {
		this.rules = rules;
		this.http = new HttpScrubber(rules);
		this.sql = new SqlScrubber(rules);
		this.results = new SqlResultScrubber(rules);
		this.bodies = new DefaultBodyScrubber(rules);
	}

	@Override
	public Trace scrub(Trace trace) {
		TraceRequest request = trace.request();
		TraceResponse response = trace.response();
		TraceRequest scrubbedRequest = new TraceRequest(request.method(), this.http.url(request.url()),
				this.http.path(request.path()), this.http.query(request.query()),
				this.http.headers(request.headers()), request.body(), request.remoteAddress());
		TraceResponse scrubbedResponse = response.with(this.http.headers(response.headers()), response.body());
		Trace scrubbed = trace.withExchange(scrubbedRequest, scrubbedResponse, error(trace.exception()));
		List<TraceEvent> events = trace.events();
		if (events.isEmpty()) {
			// most traces: no stream pipeline and no second copy of the trace, on the request thread
			return scrubbed;
		}
		List<TraceEvent> scrubbedEvents = new ArrayList<>(events.size());
		for (TraceEvent event : events) {
			scrubbedEvents.add(scrub(event));
		}
		return scrubbed.withEvents(scrubbedEvents, trace.droppedEvents());
	}

	private TraceEvent scrub(TraceEvent event) {
		if (event instanceof DatabaseEvent database) {
			SqlScrubber.Statement statement = this.sql.scrub(database.sql());
			SqlFailure failure = database.failure();
			return database.withScrubbed(statement.sql(), statement.scrub(database.parameters(), this.rules),
					text(database.error()), this.results.scrub(database.result()),
					this.results.scrub(database.generatedKeys()), (failure != null) ? new SqlFailure(failure.type(),
							failure.sqlState(), failure.errorCode(), text(failure.message())) : null);
		}
		if (event instanceof HttpClientEvent http) {
			return new HttpClientEvent(http.offsetMicros(), http.durationMicros(), http.outcome(), http.client(),
					http.method(), this.http.url(http.url()), http.status(), this.http.headers(http.requestHeaders()),
					body(http.requestBody()), http.requestSize(), this.http.headers(http.responseHeaders()),
					body(http.responseBody()), http.responseSize(), text(http.error()));
		}
		if (event instanceof LogEvent log) {
			return new LogEvent(log.offsetMicros(), log.durationMicros(), log.outcome(), log.level(), log.logger(),
					this.rules.scrubText(log.message()), log.thread(), attributes(log.mdc()), error(log.error()));
		}
		if (event instanceof ExceptionEvent exception) {
			return new ExceptionEvent(exception.offsetMicros(), exception.durationMicros(), exception.outcome(),
					error(exception.error()), exception.handled());
		}
		if (event instanceof JobEvent job) {
			return new JobEvent(job.offsetMicros(), job.durationMicros(), job.outcome(), job.name(), job.thread(),
					job.queuedMicros(), error(job.error()));
		}
		if (event instanceof CustomEvent custom) {
			return new CustomEvent(custom.offsetMicros(), custom.durationMicros(), custom.outcome(), custom.name(),
					attributes(custom.attributes()));
		}
		if (event instanceof CacheEvent cache && cache.key() != null) {
			return new CacheEvent(cache.offsetMicros(), cache.durationMicros(), cache.outcome(), cache.operation(),
					cache.cache(), this.rules.scrubValue(cache.key()));
		}
		return event;
	}

	private @Nullable TraceBody body(@Nullable TraceBody body) {
		if (body == null || body.encoding() != TraceBody.Encoding.TEXT || body.content() == null) {
			return body;
		}
		return body.withContent(this.bodies.scrub(body.content(), body.contentType()));
	}

	/** Values of matching keys become the marker; other values are scrubbed as free text. */
	private Map<String, String> attributes(Map<String, String> attributes) {
		Map<String, String> scrubbed = new HashMap<>(attributes.size() * 2);
		attributes.forEach((key, value) -> scrubbed.put(key,
				this.rules.isSecretName(key) ? ScrubRules.MARKER : this.rules.scrubText(value)));
		return scrubbed;
	}

	private @Nullable TraceError error(@Nullable TraceError error) {
		if (error == null) {
			return null;
		}
		return error.with(text(error.message()), error(error.cause()));
	}

	private @Nullable String text(@Nullable String text) {
		return (text != null) ? this.rules.scrubText(text) : null;
	}

	@Override
	public String toString() {
		return "DefaultTraceScrubber[" + this.rules + "]";
	}

}
