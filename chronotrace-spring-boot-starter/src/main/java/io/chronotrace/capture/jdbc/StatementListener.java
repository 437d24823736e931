package io.chronotrace.capture.jdbc;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import org.jspecify.annotations.Nullable;

import io.chronotrace.core.recording.ActiveTrace;
import io.chronotrace.core.recording.TraceContextHolder;
import io.chronotrace.core.support.BoundedText;
import io.chronotrace.core.support.Failures;
import io.chronotrace.core.trace.DatabaseEvent;
import io.chronotrace.core.trace.SqlFailure;
import io.chronotrace.core.trace.TraceEvent;

/**
 * Turns each statement a recorded request runs into a {@link DatabaseEvent}: SQL (at most
 * {@value #MAX_SQL_LENGTH} characters), bind values, duration, rows, batch size and error, and,
 * when results are recorded, what it answered: its rows ({@link ResultRecorder}), update counts,
 * generated keys and {@code SQLException}. When data source wrappers are nested (a proxy bean
 * around another data source bean), only the outermost records the statement.
 */
final class StatementListener implements QueryExecutionListener {

	/** The most characters kept of a statement's SQL. */
	static final int MAX_SQL_LENGTH = StatementText.MAX_LENGTH;

	private static final String TRACE = StatementListener.class.getName() + ".trace";

	private static final String START = StatementListener.class.getName() + ".start";

	private static final String COUNTED = StatementListener.class.getName() + ".counted";

	/** How many captured statements are running on this thread, to skip nested wrappers. */
	private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

	private final SqlResultSettings settings;

	StatementListener(SqlResultSettings settings) {
		this.settings = settings;
	}

	@Override
	public void beforeQuery(ExecutionInfo execution, List<QueryInfo> queries) {
		ActiveTrace trace = TraceContextHolder.current();
		if (trace == null) {
			return;
		}
		execution.addCustomValue(COUNTED, Boolean.TRUE);
		if (DEPTH.get()[0]++ == 0) {
			execution.addCustomValue(TRACE, trace);
			execution.addCustomValue(START, System.nanoTime());
		}
	}

	@Override
	public void afterQuery(ExecutionInfo execution, List<QueryInfo> queries) {
		if (execution.getCustomValue(COUNTED, Boolean.class) == null) {
			return;
		}
		DEPTH.get()[0]--;
		ActiveTrace trace = execution.getCustomValue(TRACE, ActiveTrace.class);
		Long start = execution.getCustomValue(START, Long.class);
		if (trace == null || start == null) {
			return;
		}
		long durationMicros = (System.nanoTime() - start) / 1000;
		String sql = sql(queries);
		trace.countStatement(sql);
		if (!trace.acceptsEvents()) {
			return;
		}
		long offsetMicros = trace.offsetMicros(start);
		String outcome = execution.isSuccess() ? TraceEvent.OK : TraceEvent.ERROR;
		List<List<String>> parameters = BindValues.of(queries);
		int batchSize = execution.isBatch() ? execution.getBatchSize() : 0;
		String error = error(execution.getThrowable());
		Object result = execution.getResult();
		ResultRecorder resultSet = ResultCapturingJdbcProxyFactory.recorder(result);
		boolean results = this.settings.enabled();
		List<Long> updateCounts = (results && resultSet == null) ? updateCounts(result, execution.getStatement())
				: null;
		SqlFailure failure = results ? failure(execution.getThrowable()) : null;
		DatabaseEvent event = new DatabaseEvent(offsetMicros, durationMicros, outcome, execution.getDataSourceName(),
				sql, parameters, batchSize, (resultSet != null) ? null : rowsAffected(result), error, null, null,
				updateCounts, null, failure);
		CapturedStatement captured = new CapturedStatement(event, resultSet, Boolean.TRUE.equals(result), results);
		if (trace.add(captured) && execution.getStatement() != null) {
			captured.rememberAsLast(execution.getStatement());
		}
	}

	/** The update counts of a write, at most {@link DatabaseEvent#MAX_UPDATE_COUNTS}. */
	private static @Nullable List<Long> updateCounts(@Nullable Object result, @Nullable Statement statement) {
		List<Long> counts = new ArrayList<>();
		if (result instanceof Number count) {
			counts.add(count.longValue());
		}
		else if (result instanceof int[] batch) {
			for (int i = 0; i < batch.length && i < DatabaseEvent.MAX_UPDATE_COUNTS; i++) {
				counts.add((long) batch[i]);
			}
		}
		else if (result instanceof long[] batch) {
			for (int i = 0; i < batch.length && i < DatabaseEvent.MAX_UPDATE_COUNTS; i++) {
				counts.add(batch[i]);
			}
		}
		else if (Boolean.FALSE.equals(result) && statement != null) {
			// execute() of a write: its count is asked for once more, as most drivers allow
			try {
				counts.add((long) statement.getUpdateCount());
			}
			catch (SQLException | RuntimeException ex) {
				return null;
			}
		}
		else {
			return null;
		}
		return counts;
	}

	private static @Nullable SqlFailure failure(@Nullable Throwable failure) {
		if (failure == null) {
			return null;
		}
		String message = BoundedText.of(failure.getMessage(), BindValues.MAX_VALUE_LENGTH * 4);
		if (failure instanceof SQLException sql) {
			return new SqlFailure(failure.getClass().getName(), sql.getSQLState(), sql.getErrorCode(), message);
		}
		return new SqlFailure(failure.getClass().getName(), null, 0, message);
	}

	private static String sql(List<QueryInfo> queries) {
		List<String> statements = new ArrayList<>(queries.size());
		for (QueryInfo query : queries) {
			statements.add(query.getQuery());
		}
		return StatementText.of(statements);
	}

	private static @Nullable Long rowsAffected(@Nullable Object result) {
		if (result instanceof Number count) {
			return count.longValue();
		}
		if (result instanceof int[] counts) {
			long total = 0;
			for (int count : counts) {
				if (count < 0) {
					return null; // Statement.SUCCESS_NO_INFO or EXECUTE_FAILED
				}
				total += count;
			}
			return total;
		}
		if (result instanceof long[] counts) {
			long total = 0;
			for (long count : counts) {
				if (count < 0) {
					return null;
				}
				total += count;
			}
			return total;
		}
		return null;
	}

	private static @Nullable String error(@Nullable Throwable failure) {
		if (failure == null) {
			return null;
		}
		return BoundedText.of(Failures.describe(failure), BindValues.MAX_VALUE_LENGTH * 4);
	}

}
