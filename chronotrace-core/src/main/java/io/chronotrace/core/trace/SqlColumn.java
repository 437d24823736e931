package io.chronotrace.core.trace;

import java.sql.Types;

import org.jspecify.annotations.Nullable;

/**
 * A column of a recorded SQL result, as {@code ResultSetMetaData} described it.
 *
 * @param label the column's label, by which applications read it ({@code getColumnLabel})
 * @param name the column's name ({@code getColumnName}), when it differs from the label
 * @param type its JDBC type, a {@link Types} constant
 * @param typeName the database's name of its type, such as {@code int8} or {@code varchar}
 * @param className the class of the values {@code getObject} returned, such as
 * {@code java.util.UUID} ({@code getColumnClassName})
 * @param omitted {@code true} when its values were not recorded (large objects, arrays,
 * structured types): each is {@code null} in the rows; {@code null} otherwise
 */
public record SqlColumn(String label, @Nullable String name, int type, @Nullable String typeName,
		@Nullable String className, @Nullable Boolean omitted) {

	/**
	 * Whether the values of this column were recorded.
	 * @return {@code false} when they were omitted
	 */
	public boolean recorded() {
		return !Boolean.TRUE.equals(this.omitted);
	}

}
