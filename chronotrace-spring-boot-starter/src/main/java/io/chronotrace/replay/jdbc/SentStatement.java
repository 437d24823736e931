package io.chronotrace.replay.jdbc;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A statement the replayed request sends, in the recorded form: its text as the capture records
 * it and its bind values as text, one list per batch entry.
 *
 * @param dataSource the data source bean it is sent to
 * @param sql the SQL
 * @param parameters the bind values, at most as many batch entries as the capture keeps
 * @param batchSize the number of batch entries, 0 when not a batch
 */
record SentStatement(@Nullable String dataSource, String sql, List<List<String>> parameters, int batchSize) {
}
