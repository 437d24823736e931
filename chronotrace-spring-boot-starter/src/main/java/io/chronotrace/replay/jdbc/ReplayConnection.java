package io.chronotrace.replay.jdbc;

import java.lang.reflect.Method;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.jspecify.annotations.Nullable;

/**
 * The connection a data source hands the replayed request during an isolated replay: its
 * statements are answered from the recording ({@link ReplayStatement}); transactions,
 * {@code setAutoCommit}, savepoints, isolation levels, read-only and {@code close} are accepted
 * and do nothing, since nothing was written; its metadata answers as the database did. It holds
 * no database connection.
 */
final class ReplayConnection extends JdbcProxy {

	private final @Nullable String dataSource;

	private final RecordedStatements recording;

	private final DatabaseDescription database;

	private @Nullable Connection self;

	private boolean closed;

	private boolean autoCommit = true;

	private boolean readOnly;

	private int isolation = Connection.TRANSACTION_READ_COMMITTED;

	private int holdability = java.sql.ResultSet.HOLD_CURSORS_OVER_COMMIT;

	private @Nullable String catalog;

	private @Nullable String schema;

	private int networkTimeout;

	private Map<String, Class<?>> typeMap = new HashMap<>();

	private final Properties clientInfo = new Properties();

	private int savepoints;

	private ReplayConnection(@Nullable String dataSource, RecordedStatements recording, DatabaseDescription database) {
		this.dataSource = dataSource;
		this.recording = recording;
		this.database = database;
	}

	static Connection of(@Nullable String dataSource, RecordedStatements recording, DatabaseDescription database) {
		ReplayConnection handler = new ReplayConnection(dataSource, recording, database);
		Connection connection = proxy(Connection.class, handler);
		handler.self = connection;
		return connection;
	}

	@Override
	@SuppressWarnings("unchecked")
	@Nullable Object handle(Object proxy, Method method, String name, Object[] args) throws Throwable {
		Connection connection = (Connection) proxy;
		switch (name) {
			case "close", "abort":
				this.closed = true;
				return null;
			case "isClosed":
				return this.closed;
			case "isValid":
				return !this.closed;
			default:
				break;
		}
		if (this.closed) {
			throw new SQLException("Isolated replay: the connection is closed", "08003");
		}
		return switch (name) {
			case "createStatement" -> ReplayStatement.of(Statement.class, connection, this.dataSource, null,
					this.recording);
			case "prepareStatement" -> ReplayStatement.of(PreparedStatement.class, connection, this.dataSource,
					(String) args[0], this.recording);
			case "prepareCall" -> ReplayStatement.of(CallableStatement.class, connection, this.dataSource,
					(String) args[0], this.recording);
			case "nativeSQL" -> args[0];
			case "setAutoCommit" -> {
				this.autoCommit = (boolean) args[0];
				yield null;
			}
			case "getAutoCommit" -> this.autoCommit;
			case "commit", "rollback", "releaseSavepoint", "clearWarnings" -> null;
			case "setSavepoint" -> savepoint((args.length == 1) ? (String) args[0] : null);
			case "setReadOnly" -> {
				this.readOnly = (boolean) args[0];
				yield null;
			}
			case "isReadOnly" -> this.readOnly;
			case "setTransactionIsolation" -> {
				this.isolation = (int) args[0];
				yield null;
			}
			case "getTransactionIsolation" -> this.isolation;
			case "setHoldability" -> {
				this.holdability = (int) args[0];
				yield null;
			}
			case "getHoldability" -> this.holdability;
			case "setCatalog" -> {
				this.catalog = (String) args[0];
				yield null;
			}
			case "getCatalog" -> this.catalog;
			case "setSchema" -> {
				this.schema = (String) args[0];
				yield null;
			}
			case "getSchema" -> this.schema;
			case "setNetworkTimeout" -> {
				this.networkTimeout = (int) args[1];
				yield null;
			}
			case "getNetworkTimeout" -> this.networkTimeout;
			case "setTypeMap" -> {
				this.typeMap = (Map<String, Class<?>>) args[0];
				yield null;
			}
			case "getTypeMap" -> this.typeMap;
			case "setClientInfo" -> {
				if (args.length == 1) {
					this.clientInfo.putAll((Properties) args[0]);
				}
				else if (args[1] != null) {
					this.clientInfo.setProperty((String) args[0], (String) args[1]);
				}
				yield null;
			}
			case "getClientInfo" -> (args.length == 1) ? this.clientInfo.getProperty((String) args[0])
					: this.clientInfo;
			case "getWarnings" -> null;
			case "getMetaData" -> this.database.metaData(connection, this.recording);
			case "beginRequest", "endRequest" -> null;
			default -> throw unsupported(method);
		};
	}

	private Savepoint savepoint(@Nullable String name) {
		int id = ++this.savepoints;
		return proxy(Savepoint.class, new JdbcProxy() {

			@Override
			@Nullable Object handle(Object proxy, Method method, String called, Object[] args) throws SQLException {
				if (called.equals("getSavepointId")) {
					if (name != null) {
						throw new SQLException("A named savepoint has no id");
					}
					return id;
				}
				if (called.equals("getSavepointName")) {
					if (name == null) {
						throw new SQLException("An unnamed savepoint has no name");
					}
					return name;
				}
				throw unsupported(method);
			}

			@Override
			String describe() {
				return "savepoint " + ((name != null) ? name : id) + " of an isolated replay";
			}

		});
	}

	@Override
	String describe() {
		return "connection of an isolated replay" + ((this.dataSource != null) ? " to " + this.dataSource : "");
	}

}
