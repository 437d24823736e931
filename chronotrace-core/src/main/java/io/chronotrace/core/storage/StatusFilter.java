package io.chronotrace.core.storage;

/**
 * Filters traces by response status: one status ({@code 404}) or a class ({@code 5xx}).
 *
 * @param value the status, or the class digit when {@code series} is set
 * @param series whether {@code value} is a class (1 to 5) rather than a status
 */
public record StatusFilter(int value, boolean series) {

	public StatusFilter {
		if (series ? (value < 1 || value > 5) : (value < 100 || value > 599)) {
			throw new IllegalArgumentException("Invalid status filter: "
					+ (series ? value + "xx" : String.valueOf(value)) + "; use a status such as 404 or a class such as 5xx");
		}
	}

	/**
	 * One status.
	 * @param status the status
	 * @return the filter
	 */
	public static StatusFilter exactly(int status) {
		return new StatusFilter(status, false);
	}

	/**
	 * A class of statuses: 5 for 5xx.
	 * @param digit the first digit
	 * @return the filter
	 */
	public static StatusFilter series(int digit) {
		return new StatusFilter(digit, true);
	}

	/**
	 * Parses {@code 404} or {@code 5xx} (any case).
	 * @param text the text
	 * @return the filter
	 * @throws IllegalArgumentException when it is neither
	 */
	public static StatusFilter parse(String text) {
		String trimmed = text.trim().toLowerCase(java.util.Locale.ROOT);
		try {
			if (trimmed.length() == 3 && trimmed.endsWith("xx")) {
				return series(Integer.parseInt(trimmed.substring(0, 1)));
			}
			return exactly(Integer.parseInt(trimmed));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(
					"Invalid status filter '" + text + "'; use a status such as 404 or a class such as 5xx", ex);
		}
	}

	/**
	 * Whether a status passes.
	 * @param status the status
	 * @return whether it matches
	 */
	public boolean matches(int status) {
		return this.series ? status / 100 == this.value : status == this.value;
	}

	@Override
	public String toString() {
		return this.series ? this.value + "xx" : String.valueOf(this.value);
	}

}
