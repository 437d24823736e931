package io.chronotrace.capture.testing;

import java.util.List;

import org.jspecify.annotations.Nullable;

import io.chronotrace.core.trace.CacheEvent;
import io.chronotrace.core.trace.CustomEvent;
import io.chronotrace.core.trace.DatabaseEvent;
import io.chronotrace.core.trace.ExceptionEvent;
import io.chronotrace.core.trace.HttpClientEvent;
import io.chronotrace.core.trace.JobEvent;
import io.chronotrace.core.trace.LogEvent;
import io.chronotrace.core.trace.TraceEvent;
import io.chronotrace.core.trace.TracingContext;

/**
 * What the trace of a request held, read back the way a test variant can.
 *
 * @param events the events, in order
 * @param droppedEvents the number of dropped events
 * @param tracing the tracing ids
 */
public record CapturedTrace(List<TraceEvent> events, int droppedEvents, @Nullable TracingContext tracing) {

	public <T extends TraceEvent> List<T> events(Class<T> type) {
		return this.events.stream().filter(type::isInstance).map(type::cast).toList();
	}

	/**
	 * The events in a line each, to assert their order: {@code database <sql up to its column
	 * list>}, {@code cache get miss}, {@code cache put}, {@code http GET /path}, {@code job
	 * <name>}, {@code log <first two words>}, {@code custom <name>}, {@code exception}.
	 * @return the descriptions
	 */
	public List<String> descriptions() {
		return this.events.stream().map(CapturedTrace::describe).toList();
	}

	private static String describe(TraceEvent event) {
		if (event instanceof DatabaseEvent database) {
			int columns = database.sql().indexOf(" (");
			return "database " + ((columns > 0) ? database.sql().substring(0, columns) : database.sql());
		}
		if (event instanceof CacheEvent cache) {
			return "cache " + cache.operation() + (cache.operation().equals("get") ? " " + cache.outcome() : "");
		}
		if (event instanceof HttpClientEvent http) {
			return "http " + http.method() + " " + http.url().replaceFirst("http://localhost:\\d+", "");
		}
		if (event instanceof JobEvent job) {
			return "job " + job.name();
		}
		if (event instanceof LogEvent log) {
			String[] words = log.message().split("[ :]+");
			return "log " + words[0] + ((words.length > 1) ? " " + words[1] : "");
		}
		if (event instanceof CustomEvent custom) {
			return "custom " + custom.name();
		}
		if (event instanceof ExceptionEvent) {
			return "exception";
		}
		return event.getClass().getSimpleName();
	}

}
