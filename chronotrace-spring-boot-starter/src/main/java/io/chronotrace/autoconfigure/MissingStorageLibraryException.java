package io.chronotrace.autoconfigure;

import java.util.List;

/**
 * Thrown at start-up when {@code chronotrace.storage} names a backend whose client library is
 * not on the classpath.
 */
public class MissingStorageLibraryException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String storage;

	private final List<String> coordinates;

	/**
	 * Creates an exception.
	 * @param storage the backend chosen
	 * @param coordinates the Maven coordinates ({@code group:artifact}) of the missing libraries
	 */
	public MissingStorageLibraryException(String storage, List<String> coordinates) {
		super("chronotrace.storage is " + storage + ", but its client library is not on the classpath: add "
				+ String.join(" and ", coordinates) + " to the application's dependencies");
		this.storage = storage;
		this.coordinates = List.copyOf(coordinates);
	}

	/**
	 * The backend chosen.
	 * @return its {@code chronotrace.storage} value
	 */
	public String getStorage() {
		return this.storage;
	}

	/**
	 * The libraries to add.
	 * @return their Maven coordinates, {@code group:artifact}
	 */
	public List<String> getCoordinates() {
		return this.coordinates;
	}

}
