package io.chronotrace.core.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import io.chronotrace.core.storage.TraceLayout;

/**
 * The day partitions of the traces and attachments tables on PostgreSQL. A day's partitions
 * are created before the first write of that day (the next day's too, so that midnight does
 * not wait on it), under a transaction-scoped advisory lock so that instances writing at the
 * same moment neither fail nor create twice. Purge drops whole partitions.
 */
final class DayPartitions {

	private final DataSource dataSource;

	private final JdbcTables tables;

	/** Days known to have partitions; forgotten when a write fails, as another instance may have purged. */
	private final Set<LocalDate> known = ConcurrentHashMap.newKeySet();

	DayPartitions(DataSource dataSource, JdbcTables tables) {
		this.dataSource = dataSource;
		this.tables = tables;
	}

	void ensure(Collection<LocalDate> days) throws SQLException {
		SortedSet<LocalDate> missing = new TreeSet<>();
		for (LocalDate day : days) {
			if (!this.known.contains(day)) {
				missing.add(day);
				missing.add(day.plusDays(1));
			}
		}
		if (missing.isEmpty()) {
			return;
		}
		try (Connection connection = this.dataSource.getConnection()) {
			JdbcTransaction.run(connection, () -> {
				try (Statement statement = connection.createStatement()) {
					lock(connection);
					for (LocalDate day : missing) {
						statement.execute(create(this.tables.tracePartition(day), this.tables.traces(), day));
						statement.execute(create(this.tables.attachmentPartition(day), this.tables.attachments(), day));
					}
				}
				return null;
			});
		}
		this.known.addAll(missing);
	}

	void forget() {
		this.known.clear();
	}

	/**
	 * The days that have a partition of the traces table, oldest first.
	 */
	SortedSet<LocalDate> days(Connection connection) throws SQLException {
		SortedSet<LocalDate> days = new TreeSet<>();
		try (PreparedStatement statement = connection.prepareStatement(
				"SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = CAST(? AS regclass)")) {
			statement.setString(1, this.tables.traces());
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					this.tables.dayOfTracePartition(rows.getString(1)).ifPresent(days::add);
				}
			}
		}
		return days;
	}

	/**
	 * The bytes a day takes on disk: both tables' partitions with their indexes and TOAST.
	 */
	long size(Connection connection, LocalDate day) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT COALESCE(pg_total_relation_size(to_regclass(?)), 0)"
				+ " + COALESCE(pg_total_relation_size(to_regclass(?)), 0)")) {
			statement.setString(1, this.tables.tracePartition(day));
			statement.setString(2, this.tables.attachmentPartition(day));
			try (ResultSet rows = statement.executeQuery()) {
				rows.next();
				return rows.getLong(1);
			}
		}
	}

	/**
	 * Drops a day's partitions and returns the number of traces they held.
	 */
	int drop(Connection connection, LocalDate day) throws SQLException {
		int traces = JdbcTransaction.run(connection, () -> {
			try (Statement statement = connection.createStatement()) {
				lock(connection);
				int count;
				try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + this.tables.tracePartition(day))) {
					rows.next();
					count = rows.getInt(1);
				}
				statement.execute("DROP TABLE IF EXISTS " + this.tables.attachmentPartition(day));
				statement.execute("DROP TABLE IF EXISTS " + this.tables.tracePartition(day));
				return count;
			}
		});
		this.known.remove(day);
		return traces;
	}

	private void lock(Connection connection) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
			statement.setString(1, "chronotrace partitions of " + this.tables.traces());
			statement.execute();
		}
	}

	private static String create(String partition, String parent, LocalDate day) {
		return "CREATE TABLE IF NOT EXISTS " + partition + " PARTITION OF " + parent + " FOR VALUES FROM ('"
				+ TraceLayout.startOf(day) + "') TO ('" + TraceLayout.startOf(day.plusDays(1)) + "')";
	}

}
