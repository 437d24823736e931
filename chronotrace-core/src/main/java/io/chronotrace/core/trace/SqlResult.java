package io.chronotrace.core.trace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The rows a query returned (or the keys a write generated), as the application read them:
 * every column of each row it reached, as text (see {@code docs/trace-format.md} for each
 * type's text), bounded per statement and per trace.
 *
 * @param columns the columns
 * @param rows the rows read, each with one value per column; {@code null} for SQL NULL
 * @param cut the property whose bound stopped the recording of rows, such as
 * {@code chronotrace.capture.sql-result-rows}; {@code null} when every row read was recorded
 * @param scrubbedColumns the labels of the columns whose values were scrubbed by name (their
 * values are {@code [SCRUBBED]})
 */
public record SqlResult(List<SqlColumn> columns, List<List<@Nullable String>> rows, @Nullable String cut,
		List<String> scrubbedColumns) {

	public SqlResult {
		columns = (columns != null) ? List.copyOf(columns) : List.of();
		rows = (rows != null) ? rows.stream().map(SqlResult::copy).toList() : List.of();
		scrubbedColumns = (scrubbedColumns != null) ? List.copyOf(scrubbedColumns) : List.of();
	}

	/**
	 * The characters of the recorded values, the measure of the per-trace bound.
	 * @return the number of characters
	 */
	public long size() {
		long size = 0;
		for (List<@Nullable String> row : this.rows) {
			for (String value : row) {
				size += (value != null) ? value.length() : 0;
			}
		}
		return size;
	}

	/**
	 * A copy with other rows and scrubbed columns, as scrubbing makes.
	 * @param rows the rows
	 * @param scrubbedColumns the columns scrubbed by name
	 * @return the copy
	 */
	public SqlResult withRows(List<List<@Nullable String>> rows, List<String> scrubbedColumns) {
		return new SqlResult(this.columns, rows, this.cut, scrubbedColumns);
	}

	private static List<@Nullable String> copy(@Nullable List<@Nullable String> row) {
		// nulls are values (SQL NULL): List.copyOf refuses them
		return (row != null) ? Collections.unmodifiableList(new ArrayList<>(row)) : List.of();
	}

}
