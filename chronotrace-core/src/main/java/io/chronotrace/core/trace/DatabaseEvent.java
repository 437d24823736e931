package io.chronotrace.core.trace;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A JDBC statement executed during the request.
 *
 * @param offsetMicros start offset from the request start
 * @param durationMicros execution time
 * @param outcome {@code ok} or {@code error}
 * @param dataSource the name of the data source bean
 * @param sql the SQL, as prepared
 * @param parameters the bind values, one list per batch entry (one list when not batched)
 * @param batchSize the number of batch entries, 0 when not a batch
 * @param rows rows returned (queries) or affected (updates), when known
 * @param error the error message when the statement failed
 * @param repeated how many times the request ran this same SQL, when more than once (the N+1
 * pattern); {@code null} otherwise
 * @param result the rows a query returned, as the application read them, when results are
 * recorded ({@code chronotrace.capture.sql-results}); {@code null} for a write or when not
 * recorded
 * @param updateCounts the update count of a write, one per batch entry (at most
 * {@value #MAX_UPDATE_COUNTS}), when results are recorded
 * @param generatedKeys the keys a write generated, as the application read them, when it asked
 * for them and results are recorded
 * @param failure the {@code SQLException} the statement threw, when results are recorded
 */
public record DatabaseEvent(long offsetMicros, long durationMicros, String outcome, @Nullable String dataSource,
		String sql, List<List<String>> parameters, int batchSize, @Nullable Long rows, @Nullable String error,
		@Nullable Integer repeated, @Nullable SqlResult result, @Nullable List<Long> updateCounts,
		@Nullable SqlResult generatedKeys, @Nullable SqlFailure failure) implements TraceEvent {

	/** The most update counts kept of a batch; a replay answers the others as {@code SUCCESS_NO_INFO}. */
	public static final int MAX_UPDATE_COUNTS = 100;

	public DatabaseEvent {
		parameters = (parameters != null) ? parameters.stream().map(List::copyOf).toList() : List.of();
		updateCounts = (updateCounts != null) ? List.copyOf(updateCounts) : null;
	}

	/**
	 * An event without its results, as traces without {@code chronotrace.capture.sql-results}
	 * hold.
	 * @param offsetMicros start offset from the request start
	 * @param durationMicros execution time
	 * @param outcome {@code ok} or {@code error}
	 * @param dataSource the name of the data source bean
	 * @param sql the SQL, as prepared
	 * @param parameters the bind values, one list per batch entry
	 * @param batchSize the number of batch entries, 0 when not a batch
	 * @param rows rows returned or affected, when known
	 * @param error the error message when the statement failed
	 * @param repeated how many times the request ran this same SQL, when more than once
	 */
	public DatabaseEvent(long offsetMicros, long durationMicros, String outcome, @Nullable String dataSource,
			String sql, List<List<String>> parameters, int batchSize, @Nullable Long rows, @Nullable String error,
			@Nullable Integer repeated) {
		this(offsetMicros, durationMicros, outcome, dataSource, sql, parameters, batchSize, rows, error, repeated, null,
				null, null, null);
	}

	/**
	 * Whether the event holds what the statement answered (its rows, its update count or its
	 * failure), so that a replay can answer it from the recording.
	 * @return whether its results were recorded
	 */
	public boolean hasResults() {
		return this.result != null || this.updateCounts != null || this.failure != null;
	}

	/**
	 * A copy marked as one of {@code count} runs of the same SQL.
	 * @param count the number of runs
	 * @return the copy
	 */
	public DatabaseEvent withRepeated(int count) {
		return new DatabaseEvent(this.offsetMicros, this.durationMicros, this.outcome, this.dataSource, this.sql,
				this.parameters, this.batchSize, this.rows, this.error, count, this.result, this.updateCounts,
				this.generatedKeys, this.failure);
	}

	/**
	 * A copy with scrubbed text and values, as scrubbing makes.
	 * @param sql the SQL
	 * @param parameters the bind values
	 * @param error the error message
	 * @param result the rows
	 * @param generatedKeys the generated keys
	 * @param failure the failure
	 * @return the copy
	 */
	public DatabaseEvent withScrubbed(String sql, List<List<String>> parameters, @Nullable String error,
			@Nullable SqlResult result, @Nullable SqlResult generatedKeys, @Nullable SqlFailure failure) {
		return new DatabaseEvent(this.offsetMicros, this.durationMicros, this.outcome, this.dataSource, sql, parameters,
				this.batchSize, this.rows, error, this.repeated, result, this.updateCounts, generatedKeys, failure);
	}

}
