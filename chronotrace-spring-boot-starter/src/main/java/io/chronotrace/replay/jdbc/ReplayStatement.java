package io.chronotrace.replay.jdbc;

import java.lang.reflect.Method;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import io.chronotrace.capture.jdbc.BindValueText;
import io.chronotrace.capture.jdbc.StatementText;
import io.chronotrace.core.trace.DatabaseEvent;
import io.chronotrace.core.trace.SqlResult;

/**
 * A {@link Statement}, {@link PreparedStatement} or {@link CallableStatement} of an isolated
 * replay: it collects the SQL and bind values the application sets, as the capture records them,
 * and on each execution answers with what the matching recorded statement answered (its rows,
 * update counts, generated keys, or its exception thrown again). A statement the recording does
 * not hold fails with an exception that names the nearest recorded one. Nothing reaches a
 * database.
 */
final class ReplayStatement extends JdbcProxy {

	/** The SQLState of the failure of a statement the recording does not hold (not a standard class). */
	static final String NOT_RECORDED_STATE = "CT000";

	/** The most batch entries whose bind values the capture keeps. */
	private static final int MAX_BATCH_ENTRIES = 100;

	private final Connection connection;

	private final @Nullable String dataSource;

	private final @Nullable String sql;

	private final RecordedStatements recording;

	private final Map<Object, String> parameters = new TreeMap<>(ReplayStatement::compareKeys);

	private final List<List<String>> batch = new ArrayList<>();

	private final List<String> batchSql = new ArrayList<>();

	private int batchSize;

	private @Nullable ResultSet resultSet;

	private long updateCount = -1;

	private @Nullable SqlResult generatedKeys;

	private int maxRows;

	private int fetchSize;

	private int queryTimeout;

	private boolean closed;

	private @Nullable Statement self;

	private ReplayStatement(Connection connection, @Nullable String dataSource, @Nullable String sql,
			RecordedStatements recording) {
		this.connection = connection;
		this.dataSource = dataSource;
		this.sql = sql;
		this.recording = recording;
	}

	static <T extends Statement> T of(Class<T> type, Connection connection, @Nullable String dataSource,
			@Nullable String sql, RecordedStatements recording) {
		ReplayStatement handler = new ReplayStatement(connection, dataSource, sql, recording);
		T statement = proxy(type, handler);
		handler.self = statement;
		return statement;
	}

	@Override
	@Nullable Object handle(Object proxy, Method method, String name, Object[] args) throws Throwable {
		switch (name) {
			case "close":
				this.closed = true;
				return null;
			case "isClosed":
				return this.closed;
			case "getConnection":
				return this.connection;
			default:
				break;
		}
		if (this.closed) {
			throw new SQLException("Isolated replay: the statement is closed");
		}
		if (name.startsWith("set") && args.length >= 2 && (args[0] instanceof Integer || args[0] instanceof String)
				&& method.getDeclaringClass() != Statement.class) {
			this.parameters.put(args[0], name.equals("setNull") ? "null" : BindValueText.of(args[1]));
			return null;
		}
		return switch (name) {
			case "registerOutParameter" -> {
				this.parameters.put(args[0], "<out>");
				yield null;
			}
			case "clearParameters" -> {
				this.parameters.clear();
				yield null;
			}
			case "addBatch" -> {
				addBatch(args);
				yield null;
			}
			case "clearBatch" -> {
				this.batch.clear();
				this.batchSql.clear();
				this.batchSize = 0;
				yield null;
			}
			case "executeQuery" -> executeQuery(args);
			case "executeUpdate" -> (int) executeUpdate(args);
			case "executeLargeUpdate" -> executeUpdate(args);
			case "execute" -> execute(args);
			case "executeBatch" -> toInts(executeBatch());
			case "executeLargeBatch" -> executeBatch();
			case "getResultSet" -> this.resultSet;
			case "getUpdateCount" -> (int) this.updateCount;
			case "getLargeUpdateCount" -> this.updateCount;
			case "getMoreResults" -> {
				this.resultSet = null;
				this.updateCount = -1;
				yield false;
			}
			case "getGeneratedKeys" -> (this.generatedKeys != null)
					? RecordedResultSet.of(this.generatedKeys, this.self, this.recording, "generated keys")
					: RecordedResultSet.empty(this.self, this.recording);
			case "setMaxRows", "setLargeMaxRows" -> {
				this.maxRows = ((Number) args[0]).intValue();
				yield null;
			}
			case "getMaxRows" -> this.maxRows;
			case "getLargeMaxRows" -> (long) this.maxRows;
			case "setFetchSize" -> {
				this.fetchSize = (int) args[0];
				yield null;
			}
			case "getFetchSize" -> this.fetchSize;
			case "setQueryTimeout" -> {
				this.queryTimeout = (int) args[0];
				yield null;
			}
			case "getQueryTimeout" -> this.queryTimeout;
			case "getWarnings", "getMetaData", "getParameterMetaData" -> null;
			case "clearWarnings", "setEscapeProcessing", "setPoolable", "closeOnCompletion", "cancel",
					"setFetchDirection", "setCursorName", "setMaxFieldSize" ->
				null;
			case "isPoolable", "isCloseOnCompletion" -> false;
			case "getFetchDirection" -> ResultSet.FETCH_FORWARD;
			case "getMaxFieldSize" -> 0;
			case "getResultSetType" -> ResultSet.TYPE_FORWARD_ONLY;
			case "getResultSetConcurrency" -> ResultSet.CONCUR_READ_ONLY;
			case "getResultSetHoldability" -> ResultSet.HOLD_CURSORS_OVER_COMMIT;
			default -> throw unsupported(method);
		};
	}

	private void addBatch(Object[] args) {
		if (args.length == 1) {
			this.batchSql.add((String) args[0]);
		}
		else {
			if (this.batch.size() < MAX_BATCH_ENTRIES && !this.parameters.isEmpty()) {
				this.batch.add(List.copyOf(this.parameters.values()));
			}
			this.parameters.clear();
		}
		this.batchSize++;
	}

	private ResultSet executeQuery(Object[] args) throws SQLException {
		DatabaseEvent recorded = run(sql(args), parameters(), 0);
		if (recorded.result() == null) {
			throw new SQLException("Isolated replay: " + describe() + " was recorded as a statement that returned no"
					+ " rows, and is run here as a query", "24000");
		}
		return this.resultSet;
	}

	private long executeUpdate(Object[] args) throws SQLException {
		run(sql(args), parameters(), 0);
		return Math.max(0, this.updateCount);
	}

	private boolean execute(Object[] args) throws SQLException {
		run(sql(args), parameters(), 0);
		return this.resultSet != null;
	}

	private long[] executeBatch() throws SQLException {
		String text = this.batchSql.isEmpty() ? sql(new Object[0]) : StatementText.of(this.batchSql);
		int size = this.batchSize;
		List<List<String>> entries = List.copyOf(this.batch);
		this.batch.clear();
		this.batchSql.clear();
		this.batchSize = 0;
		DatabaseEvent recorded = run(text, entries, size);
		List<Long> counts = (recorded.updateCounts() != null) ? recorded.updateCounts() : List.of();
		long[] answer = new long[size];
		for (int i = 0; i < size; i++) {
			answer[i] = (i < counts.size()) ? counts.get(i) : Statement.SUCCESS_NO_INFO;
		}
		this.updateCount = -1;
		return answer;
	}

	/** Finds the recorded statement and takes what it answered, or fails as it failed. */
	private DatabaseEvent run(String text, List<List<String>> parameters, int batchSize) throws SQLException {
		this.resultSet = null;
		this.updateCount = -1;
		this.generatedKeys = null;
		RecordedStatements.Answer answer = this.recording
			.answer(new SentStatement(this.dataSource, text, parameters, batchSize));
		DatabaseEvent recorded = answer.recorded();
		ReplayedStatement statement = answer.statement();
		if (recorded == null) {
			throw new SQLException("Isolated replay: the recording holds no statement " + text + " with bind values "
					+ parameters + ((statement.recordedSql() != null)
							? "; the nearest recorded one is " + statement.recordedSql() + " (" + statement.diff() + ")"
							: "; it holds no statement of this data source")
					+ ". It was not sent to the database", NOT_RECORDED_STATE);
		}
		if (recorded.failure() != null) {
			throw RecordedFailure.of(recorded.failure());
		}
		if (recorded.result() != null) {
			this.resultSet = RecordedResultSet.of(recorded.result(), this.self, this.recording,
					"statement " + statement.number());
		}
		else if (recorded.updateCounts() != null && !recorded.updateCounts().isEmpty()) {
			this.updateCount = recorded.updateCounts().get(0);
		}
		else {
			this.updateCount = 0;
		}
		this.generatedKeys = recorded.generatedKeys();
		return recorded;
	}

	private String sql(Object[] args) throws SQLException {
		if (args.length >= 1 && args[0] instanceof String text) {
			return StatementText.of(List.of(text));
		}
		if (this.sql == null) {
			throw new SQLException("Isolated replay: a statement executed without SQL");
		}
		return StatementText.of(List.of(this.sql));
	}

	private List<List<String>> parameters() {
		return this.parameters.isEmpty() ? List.of() : List.of(List.copyOf(this.parameters.values()));
	}

	private static int[] toInts(long[] counts) {
		int[] ints = new int[counts.length];
		for (int i = 0; i < counts.length; i++) {
			ints[i] = (int) counts[i];
		}
		return ints;
	}

	/** Parameters set by index sort by it; named ones (callable statements) come after, in order. */
	private static int compareKeys(Object one, Object other) {
		if (one instanceof Integer a && other instanceof Integer b) {
			return Integer.compare(a, b);
		}
		if (one instanceof Integer) {
			return -1;
		}
		if (other instanceof Integer) {
			return 1;
		}
		return one.equals(other) ? 0 : 1;
	}

	@Override
	String describe() {
		return "statement " + ((this.sql != null) ? this.sql : "") + " of an isolated replay";
	}

}
