package io.chronotrace.replay.jdbc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.chronotrace.capture.jdbc.SqlValueText;
import io.chronotrace.core.scrub.ScrubRules;
import io.chronotrace.core.trace.SqlColumn;

/**
 * Recorded values back as the objects a driver hands out: what {@code getObject} returned when
 * recorded (the column's class), then whatever a typed getter or {@code getObject(column, type)}
 * asks for, converted as drivers convert. The reverse of {@link SqlValueText}.
 */
final class RecordedValues {

	private RecordedValues() {
	}

	/**
	 * The object {@code getObject} returned for a recorded value.
	 * @param text the recorded text, {@code null} for SQL NULL
	 * @param column its column
	 * @return the object
	 * @throws SQLException when the value was scrubbed and its column is not text
	 */
	static @Nullable Object object(@Nullable String text, SqlColumn column) throws SQLException {
		if (text == null) {
			return null;
		}
		String className = (column.className() != null) ? column.className() : className(column.type());
		if (String.class.getName().equals(className)) {
			return text;
		}
		if (text.contains(ScrubRules.MARKER)) {
			throw new SQLException("Isolated replay: the value of column " + column.label() + " was scrubbed when"
					+ " recorded; it can be read as text only", "22000");
		}
		try {
			return switch (className) {
				case "java.lang.Long" -> Long.valueOf(text);
				case "java.lang.Integer" -> Integer.valueOf(text);
				case "java.lang.Short" -> Short.valueOf(text);
				case "java.lang.Byte" -> Byte.valueOf(text);
				case "java.lang.Double" -> Double.valueOf(text);
				case "java.lang.Float" -> Float.valueOf(text);
				case "java.math.BigDecimal" -> new BigDecimal(text);
				case "java.math.BigInteger" -> new BigInteger(text);
				case "java.lang.Boolean" -> Boolean.valueOf(text);
				case "java.sql.Timestamp" -> timestamp(text);
				case "java.sql.Date" -> Date.valueOf(LocalDate.parse(text));
				case "java.sql.Time" -> Time.valueOf(LocalTime.parse(text));
				case "java.time.LocalDate" -> LocalDate.parse(text);
				case "java.time.LocalDateTime" -> LocalDateTime.parse(text);
				case "java.time.LocalTime" -> LocalTime.parse(text);
				case "java.time.OffsetDateTime" -> OffsetDateTime.parse(text);
				case "java.time.OffsetTime" -> OffsetTime.parse(text);
				case "java.time.ZonedDateTime" -> ZonedDateTime.parse(text);
				case "java.time.Instant" -> Instant.parse(text);
				case "java.util.UUID" -> UUID.fromString(text);
				case "[B" -> Base64.getDecoder().decode(text);
				default -> text;
			};
		}
		catch (IllegalArgumentException | DateTimeParseException ex) {
			throw new SQLException("Isolated replay: the recorded value '" + text + "' of column " + column.label()
					+ " is not a " + className, "22000", ex);
		}
	}

	/**
	 * A recorded value as another type, as {@code getObject(column, type)} and the typed getters
	 * ask for it.
	 * @param <T> the type
	 * @param value the object {@link #object} gave
	 * @param type the type asked for
	 * @param column the column, for messages
	 * @return the value as that type, {@code null} for SQL NULL
	 * @throws SQLException when it cannot be converted
	 */
	@SuppressWarnings("unchecked")
	static <T> @Nullable T as(@Nullable Object value, Class<T> type, SqlColumn column) throws SQLException {
		if (value == null) {
			return null;
		}
		Class<?> boxed = boxed(type);
		if (boxed.isInstance(value)) {
			return (T) value;
		}
		Object converted = convert(value, boxed);
		if (converted == null) {
			throw new SQLException("Isolated replay: the recorded value of column " + column.label() + " ("
					+ value.getClass().getName() + ") cannot be read as " + type.getName(), "22000");
		}
		return (T) converted;
	}

	private static @Nullable Object convert(Object value, Class<?> type) throws SQLException {
		if (type == String.class) {
			return (value instanceof byte[] bytes) ? new String(bytes, StandardCharsets.UTF_8) : value.toString();
		}
		if (type == Object.class) {
			return value;
		}
		if (Number.class.isAssignableFrom(type)) {
			BigDecimal number = decimal(value);
			return (number != null) ? number(number, type) : null;
		}
		if (type == Boolean.class) {
			if (value instanceof Number number) {
				return number.doubleValue() != 0;
			}
			String text = value.toString().trim();
			return text.equalsIgnoreCase("true") || text.equals("1") || text.equalsIgnoreCase("t")
					|| text.equalsIgnoreCase("y");
		}
		if (type == byte[].class) {
			return value.toString().getBytes(StandardCharsets.UTF_8);
		}
		if (type == UUID.class) {
			return UUID.fromString(value.toString());
		}
		LocalDateTime local = localDateTime(value);
		if (local == null) {
			return null;
		}
		ZoneId zone = ZoneId.systemDefault();
		if (type == Timestamp.class) {
			return (value instanceof Instant instant) ? Timestamp.from(instant) : Timestamp.valueOf(local);
		}
		if (type == Date.class) {
			return Date.valueOf(local.toLocalDate());
		}
		if (type == Time.class) {
			return Time.valueOf(local.toLocalTime());
		}
		if (type == LocalDateTime.class) {
			return local;
		}
		if (type == LocalDate.class) {
			return local.toLocalDate();
		}
		if (type == LocalTime.class) {
			return local.toLocalTime();
		}
		if (type == Instant.class) {
			return instant(value, local, zone);
		}
		if (type == OffsetDateTime.class) {
			return (value instanceof OffsetDateTime offset) ? offset : instant(value, local, zone).atZone(zone)
				.toOffsetDateTime();
		}
		if (type == ZonedDateTime.class) {
			return instant(value, local, zone).atZone(zone);
		}
		if (type == java.util.Date.class) {
			return java.util.Date.from(instant(value, local, zone));
		}
		return null;
	}

	private static Instant instant(Object value, LocalDateTime local, ZoneId zone) {
		if (value instanceof Timestamp timestamp) {
			return timestamp.toInstant();
		}
		if (value instanceof OffsetDateTime offset) {
			return offset.toInstant();
		}
		if (value instanceof ZonedDateTime zoned) {
			return zoned.toInstant();
		}
		if (value instanceof Instant instant) {
			return instant;
		}
		return local.atZone(zone).toInstant();
	}

	/** A date-time value as the local date-time of this JVM's zone, as drivers read them. */
	private static @Nullable LocalDateTime localDateTime(Object value) {
		if (value instanceof Timestamp timestamp) {
			return timestamp.toLocalDateTime();
		}
		if (value instanceof Date date) {
			return date.toLocalDate().atStartOfDay();
		}
		if (value instanceof Time time) {
			return time.toLocalTime().atDate(LocalDate.of(1970, 1, 1));
		}
		if (value instanceof LocalDateTime local) {
			return local;
		}
		if (value instanceof LocalDate date) {
			return date.atStartOfDay();
		}
		if (value instanceof LocalTime time) {
			return time.atDate(LocalDate.of(1970, 1, 1));
		}
		if (value instanceof OffsetDateTime offset) {
			return LocalDateTime.ofInstant(offset.toInstant(), ZoneId.systemDefault());
		}
		if (value instanceof ZonedDateTime zoned) {
			return LocalDateTime.ofInstant(zoned.toInstant(), ZoneId.systemDefault());
		}
		if (value instanceof Instant instant) {
			return LocalDateTime.ofInstant(instant, ZoneId.systemDefault());
		}
		if (value instanceof String text) {
			try {
				return LocalDateTime.parse(text.replace(' ', 'T'));
			}
			catch (DateTimeParseException ex) {
				return null;
			}
		}
		return null;
	}

	private static @Nullable BigDecimal decimal(Object value) {
		if (value instanceof BigDecimal decimal) {
			return decimal;
		}
		if (value instanceof BigInteger integer) {
			return new BigDecimal(integer);
		}
		if (value instanceof Double || value instanceof Float) {
			return BigDecimal.valueOf(((Number) value).doubleValue());
		}
		if (value instanceof Number number) {
			return BigDecimal.valueOf(number.longValue());
		}
		if (value instanceof Boolean bool) {
			return bool ? BigDecimal.ONE : BigDecimal.ZERO;
		}
		try {
			return new BigDecimal(value.toString().trim());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static Object number(BigDecimal number, Class<?> type) {
		if (type == Long.class) {
			return number.longValue();
		}
		if (type == Integer.class) {
			return number.intValue();
		}
		if (type == Short.class) {
			return number.shortValue();
		}
		if (type == Byte.class) {
			return number.byteValue();
		}
		if (type == Double.class) {
			return number.doubleValue();
		}
		if (type == Float.class) {
			return number.floatValue();
		}
		if (type == BigInteger.class) {
			return number.toBigInteger();
		}
		return number;
	}

	private static Class<?> boxed(Class<?> type) {
		if (!type.isPrimitive()) {
			return type;
		}
		if (type == long.class) {
			return Long.class;
		}
		if (type == int.class) {
			return Integer.class;
		}
		if (type == short.class) {
			return Short.class;
		}
		if (type == byte.class) {
			return Byte.class;
		}
		if (type == double.class) {
			return Double.class;
		}
		if (type == float.class) {
			return Float.class;
		}
		if (type == boolean.class) {
			return Boolean.class;
		}
		return type;
	}

	/** The class of a JDBC type's values, for columns recorded without one. */
	private static String className(int type) {
		return switch (type) {
			case Types.BIGINT -> "java.lang.Long";
			case Types.INTEGER, Types.SMALLINT, Types.TINYINT -> "java.lang.Integer";
			case Types.DECIMAL, Types.NUMERIC -> "java.math.BigDecimal";
			case Types.REAL -> "java.lang.Float";
			case Types.FLOAT, Types.DOUBLE -> "java.lang.Double";
			case Types.BIT, Types.BOOLEAN -> "java.lang.Boolean";
			case Types.DATE -> "java.sql.Date";
			case Types.TIME -> "java.sql.Time";
			case Types.TIMESTAMP -> "java.sql.Timestamp";
			case Types.TIMESTAMP_WITH_TIMEZONE -> "java.time.OffsetDateTime";
			case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY -> "[B";
			default -> "java.lang.String";
		};
	}

	private static Timestamp timestamp(String text) {
		if (text.endsWith("Z")) {
			return Timestamp.from(Instant.parse(text));
		}
		return Timestamp.valueOf(LocalDateTime.parse(text.replace(' ', 'T')));
	}

}
