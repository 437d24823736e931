package io.chronotrace.core.storage.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.chronotrace.core.storage.TraceStorageException;

/**
 * Creates the backend's tables from the platform's script on this package's resource path
 * ({@code schema-postgresql.sql}, {@code schema-h2.sql}, {@code schema-mysql.sql},
 * {@code schema-mariadb.sql}), with {@code %TABLE_NAME%} replaced by the configured table.
 * Every statement is {@code IF NOT EXISTS}, so running it again changes nothing. A table created
 * by an older version gets the columns added since ({@link #ADDED_COLUMNS}) on the first start of
 * this one.
 */
public final class JdbcTraceSchema {

	/**
	 * The columns added to the traces table after its first version, with their types (the same
	 * on every platform), in the order they were added. All nullable: rows stored before read as
	 * ordinary requests.
	 */
	static final List<String> ADDED_COLUMNS = List.of("origin VARCHAR(16)", "origin_trace_id VARCHAR(36)");

	private JdbcTraceSchema() {
	}

	/**
	 * The statements of a platform's script.
	 * @param platform the platform
	 * @param tables the table names
	 * @return the statements, in order
	 */
	public static List<String> statements(JdbcPlatform platform, JdbcTables tables) {
		String resource = "schema-" + platform.id() + ".sql";
		try (InputStream in = JdbcTraceSchema.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("No " + resource + " beside " + JdbcTraceSchema.class.getName());
			}
			String script = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
				.filter((line) -> !line.trim().startsWith("--"))
				.collect(Collectors.joining("\n"))
				.replace("%TABLE_NAME%", tables.traces());
			return Arrays.stream(script.split(";")).map(String::trim).filter((sql) -> !sql.isEmpty()).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Creates the tables and indexes that do not exist yet.
	 * @param dataSource the database
	 * @param tables the table names
	 * @throws TraceStorageException when a statement fails
	 */
	public static void create(DataSource dataSource, JdbcTables tables) {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			JdbcPlatform platform = JdbcPlatform.of(connection.getMetaData());
			connection.setAutoCommit(true);
			for (String sql : statements(platform, tables)) {
				statement.execute(sql);
			}
			addMissingColumns(connection, tables);
		}
		catch (SQLException | IllegalArgumentException ex) {
			throw new TraceStorageException("jdbc storage could not create table " + tables.traces() + ": "
					+ ex.getMessage(), ex);
		}
	}

	/**
	 * Adds the columns an older version's table lacks. A column is missing when selecting it
	 * fails; asked this way, every platform answers alike, whatever case it keeps names in
	 * (MySQL has no {@code ADD COLUMN IF NOT EXISTS}).
	 */
	private static void addMissingColumns(Connection connection, JdbcTables tables) throws SQLException {
		for (String column : ADDED_COLUMNS) {
			if (!hasColumn(connection, tables, column.substring(0, column.indexOf(' ')))) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("ALTER TABLE " + tables.traces() + " ADD COLUMN " + column);
				}
			}
		}
	}

	private static boolean hasColumn(Connection connection, JdbcTables tables, String column) {
		try (Statement statement = connection.createStatement()) {
			statement.executeQuery("SELECT " + column + " FROM " + tables.traces() + " WHERE 1 = 0").close();
			return true;
		}
		catch (SQLException ex) {
			return false;
		}
	}

}
