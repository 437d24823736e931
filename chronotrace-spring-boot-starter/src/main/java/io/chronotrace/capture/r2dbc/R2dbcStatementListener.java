package io.chronotrace.capture.r2dbc;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicLong;

import io.r2dbc.proxy.core.Binding;
import io.r2dbc.proxy.core.Bindings;
import io.r2dbc.proxy.core.BoundValue;
import io.r2dbc.proxy.core.QueryExecutionInfo;
import io.r2dbc.proxy.core.QueryInfo;
import io.r2dbc.proxy.core.ValueStore;
import io.r2dbc.proxy.listener.ProxyExecutionListener;
import org.jspecify.annotations.Nullable;

import io.chronotrace.core.recording.ActiveTrace;
import io.chronotrace.core.recording.TraceContextHolder;
import io.chronotrace.core.support.BoundedText;
import io.chronotrace.core.support.Failures;
import io.chronotrace.core.trace.DatabaseEvent;
import io.chronotrace.core.trace.TraceEvent;

/**
 * Turns each statement a recorded request runs through R2DBC into a {@link DatabaseEvent}: SQL,
 * bind values, duration, rows mapped and error. The trace is taken when the statement is
 * subscribed to, where the request's context is bound (Reactor's context propagation restores it
 * on the subscribing thread), and kept with the execution, since the results arrive on the
 * driver's threads. Rows are counted as the application maps them, so the event is completed
 * when the trace finishes.
 */
final class R2dbcStatementListener implements ProxyExecutionListener {

	/** The most characters kept of a statement's SQL, as for JDBC. */
	static final int MAX_SQL_LENGTH = 20_000;

	/** The most characters kept of a bind value, as for JDBC. */
	static final int MAX_VALUE_LENGTH = 500;

	/** The most binding sets kept, as for JDBC batches. */
	static final int MAX_BATCH_ENTRIES = 100;

	private static final String TRACE = R2dbcStatementListener.class.getName() + ".trace";

	private static final String START = R2dbcStatementListener.class.getName() + ".start";

	private static final String ROWS = R2dbcStatementListener.class.getName() + ".rows";

	private final String name;

	R2dbcStatementListener(String name) {
		this.name = name;
	}

	@Override
	public void beforeQuery(QueryExecutionInfo execution) {
		ActiveTrace trace = TraceContextHolder.current();
		if (trace == null) {
			return;
		}
		ValueStore store = execution.getValueStore();
		store.put(TRACE, trace);
		store.put(START, System.nanoTime());
		store.put(ROWS, new AtomicLong());
	}

	@Override
	public void eachQueryResult(QueryExecutionInfo execution) {
		AtomicLong rows = execution.getValueStore().get(ROWS, AtomicLong.class);
		if (rows != null && execution.getCurrentMappedResult() != null) {
			rows.incrementAndGet();
		}
	}

	@Override
	public void afterQuery(QueryExecutionInfo execution) {
		ValueStore store = execution.getValueStore();
		ActiveTrace trace = store.get(TRACE, ActiveTrace.class);
		Long start = store.get(START, Long.class);
		AtomicLong rows = store.get(ROWS, AtomicLong.class);
		if (trace == null || start == null || rows == null) {
			return;
		}
		String sql = sql(execution.getQueries());
		trace.countStatement(sql);
		if (!trace.acceptsEvents()) {
			return;
		}
		long offsetMicros = trace.offsetMicros(start);
		long durationMicros = execution.getExecuteDuration().toNanos() / 1000;
		String outcome = execution.isSuccess() ? TraceEvent.OK : TraceEvent.ERROR;
		List<List<String>> parameters = bindValues(execution.getQueries());
		int batchSize = execution.getBatchSize();
		Throwable failure = execution.getThrowable();
		String error = (failure != null) ? BoundedText.of(Failures.describe(failure), MAX_VALUE_LENGTH * 4) : null;
		trace.add(() -> new DatabaseEvent(offsetMicros, durationMicros, outcome, this.name, sql, parameters, batchSize,
				(rows.get() > 0) ? rows.get() : null, error, null));
	}

	private static String sql(List<QueryInfo> queries) {
		if (queries.size() == 1) {
			return BoundedText.of(queries.get(0).getQuery(), MAX_SQL_LENGTH);
		}
		StringJoiner joined = new StringJoiner(";\n");
		for (QueryInfo query : queries) {
			joined.add(query.getQuery());
		}
		return BoundedText.of(joined.toString(), MAX_SQL_LENGTH);
	}

	private static List<List<String>> bindValues(List<QueryInfo> queries) {
		List<List<String>> entries = new ArrayList<>();
		for (QueryInfo query : queries) {
			for (Bindings bindings : query.getBindingsList()) {
				if (entries.size() == MAX_BATCH_ENTRIES) {
					return entries;
				}
				List<String> values = new ArrayList<>();
				bindings.getIndexBindings().forEach((binding) -> values.add(text(binding)));
				bindings.getNamedBindings().forEach((binding) -> values.add(text(binding)));
				if (!values.isEmpty()) {
					entries.add(values);
				}
			}
		}
		return entries;
	}

	private static String text(Binding binding) {
		BoundValue bound = binding.getBoundValue();
		if (bound.isNull()) {
			return "null";
		}
		return text(bound.getValue());
	}

	private static String text(@Nullable Object value) {
		if (value instanceof byte[] bytes) {
			return "<" + bytes.length + " bytes>";
		}
		if (value instanceof java.nio.ByteBuffer buffer) {
			return "<" + buffer.remaining() + " bytes>";
		}
		return BoundedText.of(value, MAX_VALUE_LENGTH);
	}

}
