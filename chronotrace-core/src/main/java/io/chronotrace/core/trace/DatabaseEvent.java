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
 */
public record DatabaseEvent(long offsetMicros, long durationMicros, String outcome, @Nullable String dataSource,
		String sql, List<List<String>> parameters, int batchSize, @Nullable Long rows, @Nullable String error,
		@Nullable Integer repeated) implements TraceEvent {

	public DatabaseEvent {
		parameters = (parameters != null) ? parameters.stream().map(List::copyOf).toList() : List.of();
	}

	/**
	 * A copy marked as one of {@code count} runs of the same SQL.
	 * @param count the number of runs
	 * @return the copy
	 */
	public DatabaseEvent withRepeated(int count) {
		return new DatabaseEvent(this.offsetMicros, this.durationMicros, this.outcome, this.dataSource, this.sql,
				this.parameters, this.batchSize, this.rows, this.error, count);
	}

}
