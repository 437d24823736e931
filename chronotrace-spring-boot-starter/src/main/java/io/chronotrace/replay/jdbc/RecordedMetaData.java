package io.chronotrace.replay.jdbc;

import java.lang.reflect.Method;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.chronotrace.core.trace.SqlColumn;

/** The metadata of a recorded result: its columns as recorded, the rest as a driver that knows no more. */
final class RecordedMetaData extends JdbcProxy {

	private final List<SqlColumn> columns;

	private RecordedMetaData(List<SqlColumn> columns) {
		this.columns = columns;
	}

	static ResultSetMetaData of(List<SqlColumn> columns) {
		return proxy(ResultSetMetaData.class, new RecordedMetaData(columns));
	}

	@Override
	@Nullable Object handle(Object proxy, Method method, String name, Object[] args) throws Throwable {
		if (name.equals("getColumnCount")) {
			return this.columns.size();
		}
		int index = (int) args[0];
		if (index < 1 || index > this.columns.size()) {
			throw new SQLException("Isolated replay: no column " + index + " in a recorded result of "
					+ this.columns.size() + " columns");
		}
		SqlColumn column = this.columns.get(index - 1);
		return switch (name) {
			case "getColumnLabel" -> column.label();
			case "getColumnName" -> (column.name() != null) ? column.name() : column.label();
			case "getColumnType" -> column.type();
			case "getColumnTypeName" -> (column.typeName() != null) ? column.typeName() : "";
			case "getColumnClassName" -> (column.className() != null) ? column.className() : Object.class.getName();
			case "isNullable" -> ResultSetMetaData.columnNullableUnknown;
			case "isAutoIncrement", "isCurrency", "isWritable", "isDefinitelyWritable" -> false;
			case "isCaseSensitive", "isSearchable", "isReadOnly" -> true;
			case "isSigned" -> isNumeric(column.type());
			case "getPrecision", "getScale", "getColumnDisplaySize" -> 0;
			case "getTableName", "getSchemaName", "getCatalogName" -> "";
			default -> throw unsupported(method);
		};
	}

	private static boolean isNumeric(int type) {
		return switch (type) {
			case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT, Types.DECIMAL, Types.NUMERIC, Types.REAL,
					Types.FLOAT, Types.DOUBLE ->
				true;
			default -> false;
		};
	}

	@Override
	String describe() {
		return "metadata of a recorded result";
	}

}
