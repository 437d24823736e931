package io.chronotrace.capture.jdbc;

import java.lang.ref.WeakReference;
import java.sql.Statement;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.chronotrace.core.recording.PendingEvent;
import io.chronotrace.core.trace.DatabaseEvent;
import io.chronotrace.core.trace.SqlFailure;
import io.chronotrace.core.trace.SqlResult;
import io.chronotrace.core.trace.TraceEvent;

/**
 * A statement of a recorded request, completed into its {@link DatabaseEvent} when the trace
 * finishes: by then the application has read its rows, and the keys it generated. The last one
 * run on each thread is remembered (weakly) so that a result set asked for after the statement
 * ran joins its event.
 */
final class CapturedStatement implements PendingEvent {

	private static final ThreadLocal<@Nullable Last> LAST = new ThreadLocal<>();

	private final DatabaseEvent event;

	private final boolean results;

	private volatile @Nullable ResultRecorder resultSet;

	private volatile @Nullable ResultRecorder generatedKeys;

	/** Whether {@code execute()} said a result set is there to be asked for. */
	private volatile boolean awaitsResultSet;

	/**
	 * Creates a statement's pending event.
	 * @param event the event as known when the statement returned, its update counts and failure
	 * included
	 * @param resultSet the recorder of the result set the statement returned, if any
	 * @param awaitsResultSet whether the statement ({@code execute()}) has a result set the
	 * application asks for afterwards
	 * @param results whether results are recorded
	 */
	CapturedStatement(DatabaseEvent event, @Nullable ResultRecorder resultSet, boolean awaitsResultSet,
			boolean results) {
		this.event = event;
		this.resultSet = resultSet;
		this.awaitsResultSet = awaitsResultSet && resultSet == null;
		this.results = results;
	}

	/**
	 * Remembers this statement as the last one the current thread ran.
	 * @param statement the statement the driver ran it with
	 */
	void rememberAsLast(Statement statement) {
		LAST.set(new Last(new WeakReference<>(statement), new WeakReference<>(this)));
	}

	/**
	 * The last statement the current thread ran, when a result set comes from it.
	 * @param statement the statement of a result set, if known
	 * @return the statement's event, or {@code null} when the result set comes from another one
	 */
	static @Nullable CapturedStatement last(@Nullable Statement statement) {
		Last last = LAST.get();
		if (last == null) {
			return null;
		}
		Statement ran = last.statement.get();
		CapturedStatement captured = last.captured.get();
		if (captured == null || ran == null) {
			LAST.remove();
			return null;
		}
		return (statement == null || statement == ran) ? captured : null;
	}

	/** Takes the result set {@code getResultSet()} gave after {@code execute()}, if awaited. */
	void resultSetLater(ResultRecorder recorder) {
		if (this.awaitsResultSet) {
			this.awaitsResultSet = false;
			this.resultSet = recorder;
		}
	}

	void generatedKeys(ResultRecorder recorder) {
		if (this.generatedKeys == null) {
			this.generatedKeys = recorder;
		}
	}

	@Override
	public TraceEvent complete() {
		ResultRecorder resultSet = this.resultSet;
		ResultRecorder keys = this.generatedKeys;
		DatabaseEvent event = this.event;
		Long rows = (resultSet != null) ? Long.valueOf(resultSet.rowsRead()) : event.rows();
		SqlResult result = (this.results && resultSet != null) ? resultSet.result() : null;
		SqlResult generated = (this.results && keys != null) ? keys.result() : null;
		List<Long> updateCounts = (resultSet != null) ? null : event.updateCounts();
		SqlFailure failure = event.failure();
		return new DatabaseEvent(event.offsetMicros(), event.durationMicros(), event.outcome(), event.dataSource(),
				event.sql(), event.parameters(), event.batchSize(), rows, event.error(), null, result, updateCounts,
				generated, failure);
	}

	private record Last(WeakReference<Statement> statement, WeakReference<CapturedStatement> captured) {
	}

}
