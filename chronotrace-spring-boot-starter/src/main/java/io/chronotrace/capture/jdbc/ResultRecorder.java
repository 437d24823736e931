package io.chronotrace.capture.jdbc;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

import io.chronotrace.core.support.BoundedText;
import io.chronotrace.core.trace.SqlColumn;
import io.chronotrace.core.trace.SqlResult;

/**
 * Counts the rows the application reads from a result set of a recorded request and, when
 * results are recorded, keeps each row it reaches: every column read with {@code getObject} as
 * the cursor arrives on the row, before the application reads it, so that the
 * application's own reads and {@code wasNull()} are untouched. Rows past the per-statement bound,
 * or past the trace's remaining characters, are counted and not kept; the result names the bound.
 * Thread-safe: the trace may be finished on another thread while the application still reads.
 */
final class ResultRecorder {

	private final ResultSet target;

	private final AtomicLong rowsRead = new AtomicLong();

	private final int maxRows;

	private final @Nullable AtomicLong budget;

	private final @Nullable List<SqlColumn> columns;

	private final boolean[] omitted;

	private final List<List<@Nullable String>> rows = new ArrayList<>();

	private @Nullable String cut;

	/**
	 * Creates a recorder.
	 * @param target the result set the application reads
	 * @param settings what to record
	 * @param budget the characters the trace may still record, shared by its statements
	 */
	ResultRecorder(ResultSet target, SqlResultSettings settings, AtomicLong budget) {
		this.target = target;
		this.maxRows = settings.maxRows();
		List<SqlColumn> columns = settings.enabled() ? columns(target) : null;
		this.columns = columns;
		this.budget = (columns != null) ? budget : null;
		this.omitted = new boolean[(columns != null) ? columns.size() : 0];
		for (int i = 0; i < this.omitted.length; i++) {
			this.omitted[i] = !columns.get(i).recorded();
		}
	}

	/** Notes that the cursor moved to a row, and keeps it when it is recorded. */
	void onRow() {
		long number = this.rowsRead.incrementAndGet();
		AtomicLong budget = this.budget;
		if (budget == null || this.cut != null) {
			return;
		}
		if (number > this.maxRows) {
			this.cut = SqlResultSettings.ROWS_PROPERTY;
			return;
		}
		List<@Nullable String> values = new ArrayList<>(this.omitted.length);
		long characters = 0;
		try {
			for (int i = 0; i < this.omitted.length; i++) {
				String value = this.omitted[i] ? null : SqlValueText.of(this.target.getObject(i + 1));
				values.add(value);
				characters += (value != null) ? value.length() : 0;
			}
		}
		catch (SQLException | RuntimeException ex) {
			this.cut = "a value could not be read: " + BoundedText.of(ex.getMessage(), 200);
			return;
		}
		if (budget.addAndGet(-characters) < 0) {
			this.cut = SqlResultSettings.SIZE_PROPERTY;
			return;
		}
		synchronized (this) {
			this.rows.add(values);
		}
	}

	/**
	 * How many rows the application reached.
	 * @return the count
	 */
	long rowsRead() {
		return this.rowsRead.get();
	}

	/**
	 * The rows recorded so far.
	 * @return the result, or {@code null} when results are not recorded
	 */
	@Nullable SqlResult result() {
		List<SqlColumn> columns = this.columns;
		if (columns == null) {
			return null;
		}
		synchronized (this) {
			return new SqlResult(columns, this.rows, this.cut, List.of());
		}
	}

	private static @Nullable List<SqlColumn> columns(ResultSet resultSet) {
		try {
			ResultSetMetaData metaData = resultSet.getMetaData();
			int count = metaData.getColumnCount();
			List<SqlColumn> columns = new ArrayList<>(count);
			for (int i = 1; i <= count; i++) {
				String label = metaData.getColumnLabel(i);
				String name = metaData.getColumnName(i);
				int type = metaData.getColumnType(i);
				columns.add(new SqlColumn((label != null) ? label : String.valueOf(name),
						(name != null && !name.equals(label)) ? name : null, type, metaData.getColumnTypeName(i),
						className(metaData, i), SqlValueText.isOmitted(type) ? Boolean.TRUE : null));
			}
			return columns;
		}
		catch (SQLException | RuntimeException ex) {
			// a driver that cannot describe its results: counted, not recorded
			return null;
		}
	}

	private static @Nullable String className(ResultSetMetaData metaData, int column) {
		try {
			return metaData.getColumnClassName(column);
		}
		catch (SQLException | RuntimeException ex) {
			return null;
		}
	}

}
