package io.chronotrace.core.storage;

/**
 * Thrown when a storage is opened on a directory (or prefix) that holds traces in another
 * layout than its own: the folders layout on segments, or the other way round.
 */
public class LayoutMismatchException extends TraceStorageException {

	private static final long serialVersionUID = 1L;

	private final String location;

	private final String found;

	private final String expected;

	/**
	 * Creates an exception.
	 * @param location the directory or prefix
	 * @param found the layout it holds: {@code folders} or {@code segments}
	 * @param expected the layout of the storage being opened
	 * @param example an entry of the layout found, to show; empty when there is none to show
	 */
	public LayoutMismatchException(String location, String found, String expected, String example) {
		super("local trace storage directory " + location + " holds traces in the " + found + " layout"
				+ (example.isEmpty() ? "" : " (such as " + example + ")") + ", not in the " + expected + " layout", null);
		this.location = location;
		this.found = found;
		this.expected = expected;
	}

	/**
	 * The directory or prefix.
	 * @return where the traces are
	 */
	public String getLocation() {
		return this.location;
	}

	/**
	 * The layout found.
	 * @return {@code folders} or {@code segments}
	 */
	public String getFound() {
		return this.found;
	}

	/**
	 * The layout of the storage being opened.
	 * @return {@code folders} or {@code segments}
	 */
	public String getExpected() {
		return this.expected;
	}

}
