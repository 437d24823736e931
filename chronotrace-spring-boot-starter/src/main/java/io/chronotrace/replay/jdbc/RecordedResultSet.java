package io.chronotrace.replay.jdbc;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.List;
import java.util.Locale;

import javax.sql.rowset.serial.SerialBlob;
import javax.sql.rowset.serial.SerialClob;

import org.jspecify.annotations.Nullable;

import io.chronotrace.core.trace.SqlColumn;
import io.chronotrace.core.trace.SqlResult;

/**
 * A recorded result as a {@link ResultSet}: the recorded rows, read with the typed getters (by
 * index or label), {@code getObject} with or without a type, {@code wasNull}, the metadata of
 * the recorded columns, and a cursor that may also scroll. Reading past the last recorded row of
 * a result that was cut fails, naming the bound that cut it, rather than ending early; reading a
 * column whose values were not recorded fails too. Updates are not supported.
 * <p>
 * Written for the calls Hibernate, {@code JdbcTemplate} and jOOQ make. {@code CachedRowSet}
 * was considered: it leaves {@code getObject(column, type)} and {@code isClosed()} unsupported
 * and parses numbers from their text, so it would have needed the same work around it.
 */
final class RecordedResultSet extends JdbcProxy {

	private final SqlResult result;

	private final @Nullable Statement statement;

	private final RecordedStatements recording;

	private final String source;

	private int row = -1;

	private boolean closed;

	private boolean lastNull;

	private RecordedResultSet(SqlResult result, @Nullable Statement statement, RecordedStatements recording,
			String source) {
		this.result = result;
		this.statement = statement;
		this.recording = recording;
		this.source = source;
	}

	/**
	 * A result set of recorded rows.
	 * @param result the recorded rows
	 * @param statement the statement it comes from
	 * @param recording where to note a read the recording cannot answer
	 * @param source what it answers, for messages ({@code statement 3})
	 * @return the result set
	 */
	static ResultSet of(SqlResult result, @Nullable Statement statement, RecordedStatements recording,
			String source) {
		return proxy(ResultSet.class, new RecordedResultSet(result, statement, recording, source));
	}

	/**
	 * An empty result set without columns.
	 * @param statement the statement it comes from
	 * @param recording where to note a read the recording cannot answer
	 * @return the result set
	 */
	static ResultSet empty(@Nullable Statement statement, RecordedStatements recording) {
		return of(new SqlResult(List.of(), List.of(), null, List.of()), statement, recording, "no result");
	}

	@Override
	@Nullable Object handle(Object proxy, Method method, String name, Object[] args) throws Throwable {
		switch (name) {
			case "close":
				this.closed = true;
				return null;
			case "isClosed":
				return this.closed;
			case "getStatement":
				return this.statement;
			case "getMetaData":
				return RecordedMetaData.of(this.result.columns());
			case "findColumn":
				return column((String) args[0]) + 1;
			case "wasNull":
				return this.lastNull;
			case "getType":
				return ResultSet.TYPE_FORWARD_ONLY;
			case "getConcurrency":
				return ResultSet.CONCUR_READ_ONLY;
			case "getHoldability":
				return ResultSet.HOLD_CURSORS_OVER_COMMIT;
			case "getFetchSize", "getFetchDirection":
				return (name.equals("getFetchSize")) ? 0 : ResultSet.FETCH_FORWARD;
			case "setFetchSize", "setFetchDirection", "clearWarnings":
				return null;
			case "getWarnings":
				return null;
			default:
				break;
		}
		if (this.closed) {
			throw new SQLException("Isolated replay: the result set is closed");
		}
		Object cursor = cursor(name, args);
		if (cursor != null) {
			return cursor;
		}
		if (name.startsWith("get") && args.length >= 1 && (args[0] instanceof Integer || args[0] instanceof String)) {
			int column = (args[0] instanceof Integer index) ? index - 1 : column((String) args[0]);
			return value(method, name, args, column);
		}
		throw unsupported(method);
	}

	private @Nullable Object cursor(String name, Object[] args) throws SQLException {
		int size = this.result.rows().size();
		return switch (name) {
			case "next" -> move(this.row + 1);
			case "previous" -> move(this.row - 1);
			case "first" -> move(0);
			case "last" -> move(size - 1);
			case "absolute" -> move(((int) args[0] >= 0) ? (int) args[0] - 1 : size + (int) args[0]);
			case "relative" -> move(this.row + (int) args[0]);
			case "beforeFirst" -> {
				this.row = -1;
				yield Boolean.TRUE;
			}
			case "afterLast" -> {
				this.row = size;
				yield Boolean.TRUE;
			}
			case "isBeforeFirst" -> this.row < 0 && size > 0;
			case "isAfterLast" -> this.row >= size && size > 0;
			case "isFirst" -> this.row == 0 && size > 0;
			case "isLast" -> this.row == size - 1 && this.result.cut() == null;
			case "getRow" -> (this.row >= 0 && this.row < size) ? this.row + 1 : 0;
			default -> null;
		};
	}

	private Boolean move(int target) throws SQLException {
		int size = this.result.rows().size();
		if (target >= size && this.result.cut() != null) {
			String warning = "Isolated replay: the application read row " + (target + 1) + " of " + this.source
					+ ", whose recording kept " + size + " rows (cut by " + this.result.cut() + ")";
			this.recording.warn(warning);
			throw new SQLException(warning, "22000");
		}
		this.row = Math.max(-1, Math.min(target, size));
		return this.row >= 0 && this.row < size;
	}

	private @Nullable Object value(Method method, String name, Object[] args, int column) throws SQLException {
		Object object = object(column);
		this.lastNull = object == null;
		SqlColumn described = this.result.columns().get(column);
		Class<?> returned = method.getReturnType();
		return switch (name) {
			case "getObject" -> (args.length == 2 && args[1] instanceof Class<?> type)
					? RecordedValues.as(object, type, described) : object;
			case "getString", "getNString" -> RecordedValues.as(object, String.class, described);
			case "getBytes" -> RecordedValues.as(object, byte[].class, described);
			case "getBigDecimal" -> scaled(RecordedValues.as(object, BigDecimal.class, described), args);
			case "getTimestamp" -> RecordedValues.as(object, Timestamp.class, described);
			case "getDate" -> RecordedValues.as(object, Date.class, described);
			case "getTime" -> RecordedValues.as(object, Time.class, described);
			case "getCharacterStream", "getNCharacterStream" -> (object != null)
					? new StringReader(RecordedValues.as(object, String.class, described)) : null;
			case "getBinaryStream" -> (object != null)
					? new ByteArrayInputStream(bytes(object, described)) : null;
			case "getAsciiStream" -> (object != null) ? new ByteArrayInputStream(
					RecordedValues.as(object, String.class, described).getBytes(StandardCharsets.US_ASCII)) : null;
			case "getClob", "getNClob" -> (object != null)
					? new SerialClob(RecordedValues.as(object, String.class, described).toCharArray()) : null;
			case "getBlob" -> (object != null) ? new SerialBlob(bytes(object, described)) : null;
			default -> primitive(method, returned, object, described);
		};
	}

	private static byte[] bytes(Object object, SqlColumn column) throws SQLException {
		return RecordedValues.as(object, byte[].class, column);
	}

	private @Nullable Object primitive(Method method, Class<?> returned, @Nullable Object object, SqlColumn column)
			throws SQLException {
		if (!returned.isPrimitive()) {
			throw unsupported(method);
		}
		Object value = RecordedValues.as(object, returned, column);
		if (value != null) {
			return value;
		}
		// SQL NULL read as a primitive: zero or false, as drivers answer
		return (returned == boolean.class) ? Boolean.FALSE : RecordedValues.as(0, returned, column);
	}

	private static @Nullable BigDecimal scaled(@Nullable BigDecimal value, Object[] args) {
		if (value != null && args.length == 2 && args[1] instanceof Integer scale) {
			return value.setScale(scale, java.math.RoundingMode.HALF_UP);
		}
		return value;
	}

	private @Nullable Object object(int column) throws SQLException {
		List<SqlColumn> columns = this.result.columns();
		if (column < 0 || column >= columns.size()) {
			throw new SQLException("Isolated replay: no column " + (column + 1) + " in " + this.source + ", which has "
					+ columns.size());
		}
		if (this.row < 0 || this.row >= this.result.rows().size()) {
			throw new SQLException("Isolated replay: the cursor of " + this.source + " is not on a row");
		}
		SqlColumn described = columns.get(column);
		if (!described.recorded()) {
			String warning = "Isolated replay: the values of column " + described.label() + " of " + this.source
					+ " were not recorded (" + typeName(described) + ")";
			this.recording.warn(warning);
			throw new SQLException(warning, "22000");
		}
		List<@Nullable String> values = this.result.rows().get(this.row);
		return RecordedValues.object((column < values.size()) ? values.get(column) : null, described);
	}

	private static String typeName(SqlColumn column) {
		return (column.typeName() != null) ? column.typeName() : (column.type() == Types.BLOB) ? "BLOB" : "large object";
	}

	private int column(String label) throws SQLException {
		List<SqlColumn> columns = this.result.columns();
		String wanted = label.toLowerCase(Locale.ROOT);
		for (int i = 0; i < columns.size(); i++) {
			if (columns.get(i).label().toLowerCase(Locale.ROOT).equals(wanted)) {
				return i;
			}
		}
		for (int i = 0; i < columns.size(); i++) {
			String name = columns.get(i).name();
			if (name != null && name.toLowerCase(Locale.ROOT).equals(wanted)) {
				return i;
			}
		}
		throw new SQLException("Isolated replay: no column '" + label + "' in " + this.source, "42S22");
	}

	@Override
	String describe() {
		return "recorded result set of " + this.source;
	}

}
