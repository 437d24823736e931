package io.chronotrace.core.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;

import javax.sql.DataSource;

import io.chronotrace.core.storage.PurgeResult;
import io.chronotrace.core.storage.TraceLayout;
import io.chronotrace.core.trace.TraceId;

/**
 * Deletion, purge and size per day of the JDBC backend: whole partitions on PostgreSQL,
 * bounded chunks of rows elsewhere.
 */
final class JdbcRetention {

	private final DataSource dataSource;

	private final JdbcTables tables;

	private final JdbcPlatform platform;

	private final DayPartitions partitions;

	JdbcRetention(DataSource dataSource, JdbcTables tables, JdbcPlatform platform, DayPartitions partitions) {
		this.dataSource = dataSource;
		this.tables = tables;
		this.platform = platform;
		this.partitions = partitions;
	}

	/**
	 * Deletes traces and their attachments in the caller's transaction.
	 * @return the number of traces deleted
	 */
	int delete(Connection connection, List<TraceId> ids) throws SQLException {
		String marks = String.join(", ", Collections.nCopies(ids.size(), "?"));
		try (PreparedStatement attachments = connection
			.prepareStatement("DELETE FROM " + this.tables.attachments() + " WHERE trace_id IN (" + marks + ")");
				PreparedStatement traces = connection
					.prepareStatement("DELETE FROM " + this.tables.traces() + " WHERE id IN (" + marks + ")")) {
			for (int i = 0; i < ids.size(); i++) {
				this.platform.bindId(attachments, i + 1, ids.get(i));
				this.platform.bindId(traces, i + 1, ids.get(i));
			}
			attachments.executeUpdate();
			return traces.executeUpdate();
		}
	}

	/**
	 * Deletes every day before the first kept one.
	 * @return the days and traces deleted
	 */
	PurgeResult purgeDaysBefore(LocalDate firstKept) throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			if (this.platform.partitionsByDay()) {
				long purged = 0;
				SortedSet<LocalDate> days = this.partitions.days(connection).headSet(firstKept);
				for (LocalDate day : days) {
					purged += this.partitions.drop(connection, day);
				}
				return PurgeResult.of(purged, days);
			}
			return purgeInChunks(connection, TraceLayout.startOf(firstKept));
		}
	}

	/**
	 * Deletes {@link JdbcTraceStorage#PURGE_CHUNK} traces per transaction, oldest first, so that
	 * no transaction holds its locks for long.
	 */
	private PurgeResult purgeInChunks(Connection connection, Instant before) throws SQLException {
		long purged = 0;
		Set<LocalDate> days = new HashSet<>();
		String select = "SELECT id, start_time FROM " + this.tables.traces() + " WHERE start_time < ? ORDER BY start_time LIMIT "
				+ JdbcTraceStorage.PURGE_CHUNK;
		while (true) {
			List<TraceId> ids = new ArrayList<>(JdbcTraceStorage.PURGE_CHUNK);
			try (PreparedStatement statement = connection.prepareStatement(select)) {
				this.platform.bindTime(statement, 1, before);
				try (ResultSet rows = statement.executeQuery()) {
					while (rows.next()) {
						ids.add(TraceId.parse(rows.getString(1)));
						days.add(TraceLayout.dayOf(this.platform.readTime(rows, 2)));
					}
				}
			}
			if (ids.isEmpty()) {
				return PurgeResult.of(purged, days);
			}
			purged += JdbcTransaction.run(connection, () -> delete(connection, ids));
		}
	}

	/**
	 * The bytes per day: the partitions' size on disk on PostgreSQL, the sum of
	 * {@code stored_bytes} elsewhere.
	 */
	SortedMap<LocalDate, Long> sizeByDay() throws SQLException {
		SortedMap<LocalDate, Long> sizes = new TreeMap<>();
		try (Connection connection = this.dataSource.getConnection()) {
			if (this.platform.partitionsByDay()) {
				for (LocalDate day : this.partitions.days(connection)) {
					sizes.put(day, this.partitions.size(connection, day));
				}
				return sizes;
			}
			String day = this.platform.dayOfStartTime();
			try (Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery(
							"SELECT " + day + ", SUM(stored_bytes) FROM " + this.tables.traces() + " GROUP BY " + day)) {
				while (rows.next()) {
					sizes.put(rows.getObject(1, LocalDate.class), rows.getLong(2));
				}
			}
			return sizes;
		}
	}

}
