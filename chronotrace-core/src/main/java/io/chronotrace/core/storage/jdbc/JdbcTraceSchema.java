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
 * Every statement is {@code IF NOT EXISTS}, so running it again changes nothing.
 */
public final class JdbcTraceSchema {

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
		}
		catch (SQLException | IllegalArgumentException ex) {
			throw new TraceStorageException("jdbc storage could not create table " + tables.traces() + ": "
					+ ex.getMessage(), ex);
		}
	}

}
