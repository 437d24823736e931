package io.chronotrace.capture.jdbc;

/**
 * Whether JDBC statements record what they answered, and how much.
 *
 * @param enabled whether rows, update counts, generated keys and failures are recorded
 * ({@code chronotrace.capture.sql-results})
 * @param maxRows the most rows recorded per statement ({@value #ROWS_PROPERTY})
 * @param maxCharacters the most characters of values recorded per trace
 * ({@value #SIZE_PROPERTY})
 */
public record SqlResultSettings(boolean enabled, int maxRows, long maxCharacters) {

	/** The property of the per-statement bound, as a cut result names it. */
	public static final String ROWS_PROPERTY = "chronotrace.capture.sql-result-rows";

	/** The property of the per-trace bound, as a cut result names it. */
	public static final String SIZE_PROPERTY = "chronotrace.capture.sql-result-size";

	/** Nothing recorded but the statements, as before results were. */
	public static final SqlResultSettings OFF = new SqlResultSettings(false, 0, 0);

	public SqlResultSettings {
		if (maxRows < 0 || maxCharacters < 0) {
			throw new IllegalArgumentException("SQL result bounds must not be negative");
		}
	}

	/**
	 * The defaults: results recorded, 100 rows per statement, 256 K characters per trace.
	 * @return the settings
	 */
	public static SqlResultSettings defaults() {
		return new SqlResultSettings(true, 100, 256 * 1024);
	}

}
