package io.chronotrace.replay.jdbc;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What the database told about itself ({@link DatabaseMetaData}: its product and version, what
 * it supports), read once from the first real connection of a data source, so that a replay's
 * connection answers the same while the database is away. Frameworks ask during requests:
 * {@code JdbcTemplate.batchUpdate} sends a batch only where {@code supportsBatchUpdates()} says
 * so. Before any real connection, a database that supports batches and generated keys.
 */
final class DatabaseDescription {

	private final Map<String, Object> answers;

	private DatabaseDescription(Map<String, Object> answers) {
		this.answers = answers;
	}

	static DatabaseDescription unknown() {
		return new DatabaseDescription(Map.of("supportsBatchUpdates", true, "supportsGetGeneratedKeys", true,
				"getDatabaseProductName", "unknown (isolated replay)", "getIdentifierQuoteString", "\""));
	}

	/**
	 * Reads what a connection's database tells of itself: every method without arguments that
	 * answers a boolean, a number or a string.
	 * @param connection a real connection
	 * @return the description
	 */
	static DatabaseDescription of(Connection connection) {
		Map<String, Object> answers = new HashMap<>(unknown().answers);
		try {
			DatabaseMetaData metaData = connection.getMetaData();
			for (Method method : DatabaseMetaData.class.getMethods()) {
				Class<?> type = method.getReturnType();
				if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers())
						|| !(type == boolean.class || type == int.class || type == long.class || type == String.class)) {
					continue;
				}
				try {
					Object answer = method.invoke(metaData);
					if (answer != null) {
						answers.put(method.getName(), answer);
					}
				}
				catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
					// not told: the default
				}
			}
		}
		catch (Exception ex) {
			// the unknown database's answers
		}
		return new DatabaseDescription(Map.copyOf(answers));
	}

	/**
	 * A {@link DatabaseMetaData} that answers as the database did.
	 * @param connection the replay's connection
	 * @param recording for empty result sets
	 * @return the metadata
	 */
	DatabaseMetaData metaData(Connection connection, RecordedStatements recording) {
		return JdbcProxy.proxy(DatabaseMetaData.class, new JdbcProxy() {

			@Override
			@Nullable Object handle(Object proxy, Method method, String name, Object[] args) {
				if (name.equals("getConnection")) {
					return connection;
				}
				Object answer = DatabaseDescription.this.answers.get(name);
				if (answer != null && method.getParameterCount() == 0) {
					return answer;
				}
				Class<?> type = method.getReturnType();
				if (type == boolean.class) {
					return false;
				}
				if (type == int.class) {
					return 0;
				}
				if (type == long.class) {
					return 0L;
				}
				if (type == ResultSet.class) {
					return RecordedResultSet.empty(null, recording);
				}
				return (type == String.class) ? "" : null;
			}

			@Override
			String describe() {
				return "database metadata of an isolated replay";
			}

		});
	}

}
