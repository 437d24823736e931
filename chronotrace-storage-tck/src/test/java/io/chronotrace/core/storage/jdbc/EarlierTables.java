package io.chronotrace.core.storage.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Set;

import javax.sql.DataSource;

import io.chronotrace.core.compress.Compression;
import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.trace.TestTraces;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceOrigin;
import io.chronotrace.core.trace.TraceSummary;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A traces table as a version before origins created it, holding a row: the next start adds
 * the origin columns, the row reads as an ordinary request, and new traces keep their origin.
 */
final class EarlierTables {

	private EarlierTables() {
	}

	static void assertUpgradedOnStart(DataSource dataSource, JdbcTables tables) throws SQLException {
		Instant start = Instant.parse("2025-03-10T10:00:00Z");
		JdbcTraceSchema.create(dataSource, tables);
		Trace before = TestTraces.trace(start);
		new JdbcTraceStorage(dataSource, tables, Compression.DEFAULT).store(before);
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			connection.setAutoCommit(true);
			statement.execute("ALTER TABLE " + tables.traces() + " DROP COLUMN origin_trace_id");
			statement.execute("ALTER TABLE " + tables.traces() + " DROP COLUMN origin");
		}

		JdbcTraceSchema.create(dataSource, tables);
		JdbcTraceStorage storage = new JdbcTraceStorage(dataSource, tables, Compression.DEFAULT);
		Trace replay = TestTraces.builder(start.plusSeconds(1)).origin(TraceOrigin.REPLAY, before.id()).build();
		storage.store(replay);

		assertThat(storage.list(TraceQuery.newest()).items()).extracting(TraceSummary::id, TraceSummary::origin,
				TraceSummary::originTraceId)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(replay.id(), TraceOrigin.REPLAY, before.id()),
					org.assertj.core.groups.Tuple.tuple(before.id(), TraceOrigin.REQUEST, null));
		assertThat(storage.list(TraceQuery.builder().origins(Set.of(TraceOrigin.REQUEST)).build()).items())
			.extracting(TraceSummary::id)
			.containsExactly(before.id());
		assertThat(storage.retrieve(before.id())).contains(before);
	}

}
