package io.chronotrace.core.storage.jdbc;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of the backend's tables, derived from the one configured name: the traces table,
 * its attachments table and, on PostgreSQL, their day partitions. Names are checked, because
 * they become part of SQL text.
 *
 * @param traces the traces table, optionally schema-qualified
 */
public record JdbcTables(String traces) {

	private static final Pattern NAME = Pattern.compile("([A-Za-z_][A-Za-z0-9_]{0,62}\\.)?[A-Za-z_][A-Za-z0-9_]{0,39}");

	private static final DateTimeFormatter DAY_SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);

	public JdbcTables {
		if (traces == null || !NAME.matcher(traces).matches()) {
			throw new IllegalArgumentException("Invalid table name '" + traces
					+ "': use letters, digits and underscores, at most 40 characters, optionally after a schema "
					+ "name and a dot");
		}
	}

	/**
	 * The attachments table.
	 * @return its name
	 */
	public String attachments() {
		return this.traces + "_attachments";
	}

	String tracePartition(LocalDate day) {
		return this.traces + "_" + DAY_SUFFIX.format(day);
	}

	String attachmentPartition(LocalDate day) {
		return attachments() + "_" + DAY_SUFFIX.format(day);
	}

	/**
	 * The day of a partition of the traces table, from its unqualified name as the catalog
	 * gives it.
	 */
	Optional<LocalDate> dayOfTracePartition(String relationName) {
		String base = unqualified(this.traces).toLowerCase(Locale.ROOT);
		Matcher matcher = Pattern.compile(Pattern.quote(base) + "_(\\d{8})").matcher(relationName.toLowerCase(Locale.ROOT));
		if (!matcher.matches()) {
			return Optional.empty();
		}
		try {
			return Optional.of(LocalDate.parse(matcher.group(1), DAY_SUFFIX));
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
	}

	private static String unqualified(String name) {
		int dot = name.indexOf('.');
		return (dot < 0) ? name : name.substring(dot + 1);
	}

}
