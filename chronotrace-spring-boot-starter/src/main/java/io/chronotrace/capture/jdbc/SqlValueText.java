package io.chronotrace.capture.jdbc;

import java.sql.Date;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.Base64;

import io.chronotrace.core.support.InstantText;
import org.jspecify.annotations.Nullable;

/**
 * The text a value of a recorded SQL result is kept as (the format is in
 * {@code docs/trace-format.md}): numbers as Java writes them (a {@code BigDecimal} keeps its
 * scale), a {@link Timestamp} as its instant in UTC, other dates and times in ISO-8601, binary
 * columns in base64, anything else as its {@code toString()}. Large objects, arrays and
 * structured values are not recorded.
 */
public final class SqlValueText {

	private SqlValueText() {
	}

	/**
	 * Whether the values of a column of this type are left out: reading them could mean a
	 * round trip per value (large objects) or a type a replay cannot rebuild.
	 * @param jdbcType a {@link Types} constant
	 * @return whether they are not recorded
	 */
	public static boolean isOmitted(int jdbcType) {
		return switch (jdbcType) {
			case Types.BLOB, Types.CLOB, Types.NCLOB, Types.ARRAY, Types.STRUCT, Types.REF, Types.DATALINK,
					Types.JAVA_OBJECT, Types.DISTINCT, Types.SQLXML, Types.REF_CURSOR ->
				true;
			default -> false;
		};
	}

	/**
	 * Whether the values of a column of this type are bytes, kept in base64.
	 * @param jdbcType a {@link Types} constant
	 * @return whether they are binary
	 */
	public static boolean isBinary(int jdbcType) {
		return jdbcType == Types.BINARY || jdbcType == Types.VARBINARY || jdbcType == Types.LONGVARBINARY;
	}

	/**
	 * The text of a value, as {@code getObject} returned it.
	 * @param value the value
	 * @return its text, {@code null} for SQL NULL
	 * @throws SQLException never from the types handled here; declared for drivers' own types
	 */
	public static @Nullable String of(@Nullable Object value) throws SQLException {
		if (value == null) {
			return null;
		}
		if (value instanceof byte[] bytes) {
			return Base64.getEncoder().encodeToString(bytes);
		}
		if (value instanceof Timestamp timestamp) {
			return InstantText.of(timestamp.toInstant());
		}
		if (value instanceof Date date) {
			return date.toLocalDate().toString();
		}
		if (value instanceof Time time) {
			return time.toLocalTime().toString();
		}
		return value.toString();
	}

}
