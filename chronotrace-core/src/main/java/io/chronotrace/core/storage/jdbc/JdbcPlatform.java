package io.chronotrace.core.storage.jdbc;

import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

import io.chronotrace.core.trace.TraceId;

/**
 * What differs between the databases the JDBC backend supports: the schema script, how a
 * retried id becomes an upsert, how ids and times are bound, and whether days are partitions.
 */
public enum JdbcPlatform {

	/** PostgreSQL: ids as {@code uuid}, times as {@code timestamptz}, day partitions. */
	POSTGRESQL("postgresql"),

	/** H2: {@code MERGE ... KEY}. */
	H2("h2"),

	/** MySQL: times as UTC {@code DATETIME(6)}, {@code ON DUPLICATE KEY UPDATE}. */
	MYSQL("mysql"),

	/** MariaDB: as MySQL. */
	MARIADB("mariadb");

	private final String id;

	JdbcPlatform(String id) {
		this.id = id;
	}

	/**
	 * The platform of a database.
	 * @param metaData the connection's metadata
	 * @return the platform
	 * @throws SQLException when the metadata cannot be read
	 * @throws IllegalArgumentException when the database is not one the backend supports
	 */
	public static JdbcPlatform of(DatabaseMetaData metaData) throws SQLException {
		String product = metaData.getDatabaseProductName().toLowerCase(Locale.ROOT);
		if (product.contains("postgresql")) {
			return POSTGRESQL;
		}
		if (product.contains("h2")) {
			return H2;
		}
		if (product.contains("mariadb")) {
			return MARIADB;
		}
		if (product.contains("mysql")) {
			return (metaData.getDatabaseProductVersion().toLowerCase(Locale.ROOT).contains("mariadb")) ? MARIADB
					: MYSQL;
		}
		throw new IllegalArgumentException("jdbc storage supports PostgreSQL, H2, MySQL and MariaDB, not "
				+ metaData.getDatabaseProductName());
	}

	/**
	 * The platform name in schema script names ({@code schema-postgresql.sql}).
	 * @return the name
	 */
	public String id() {
		return this.id;
	}

	boolean partitionsByDay() {
		return this == POSTGRESQL;
	}

	/**
	 * An insert that replaces the row of an id already stored, as a retried batch needs.
	 */
	String upsert(String table, List<String> columns, List<String> key) {
		String names = String.join(", ", columns);
		String marks = columns.stream().map((column) -> "?").collect(Collectors.joining(", "));
		String keys = String.join(", ", key);
		return switch (this) {
			case POSTGRESQL -> "INSERT INTO " + table + " (" + names + ") VALUES (" + marks + ") ON CONFLICT (" + keys
					+ ") DO UPDATE SET " + columns.stream()
						.filter((column) -> !key.contains(column))
						.map((column) -> column + " = EXCLUDED." + column)
						.collect(Collectors.joining(", "));
			case H2 -> "MERGE INTO " + table + " (" + names + ") KEY (" + keys + ") VALUES (" + marks + ")";
			case MYSQL, MARIADB -> "INSERT INTO " + table + " (" + names + ") VALUES (" + marks
					+ ") ON DUPLICATE KEY UPDATE " + columns.stream()
						.filter((column) -> !key.contains(column))
						.map((column) -> column + " = VALUES(" + column + ")")
						.collect(Collectors.joining(", "));
		};
	}

	void bindId(PreparedStatement statement, int index, TraceId id) throws SQLException {
		if (this == POSTGRESQL) {
			statement.setObject(index, id.uuid());
		}
		else {
			statement.setString(index, id.toString());
		}
	}

	/**
	 * Binds a time, which the caller has cut to microseconds, the precision of every platform.
	 */
	void bindTime(PreparedStatement statement, int index, Instant time) throws SQLException {
		if (this == MYSQL || this == MARIADB) {
			statement.setObject(index, LocalDateTime.ofInstant(time, ZoneOffset.UTC));
		}
		else {
			statement.setObject(index, OffsetDateTime.ofInstant(time, ZoneOffset.UTC));
		}
	}

	Instant readTime(ResultSet resultSet, int index) throws SQLException {
		if (this == MYSQL || this == MARIADB) {
			return resultSet.getObject(index, LocalDateTime.class).toInstant(ZoneOffset.UTC);
		}
		return resultSet.getObject(index, OffsetDateTime.class).toInstant();
	}

	/**
	 * The SQL expression of the UTC day of {@code start_time}.
	 */
	String dayOfStartTime() {
		return switch (this) {
			case POSTGRESQL -> "CAST(start_time AT TIME ZONE 'UTC' AS DATE)";
			case H2 -> "CAST(start_time AS DATE)";
			case MYSQL, MARIADB -> "DATE(start_time)";
		};
	}

}
