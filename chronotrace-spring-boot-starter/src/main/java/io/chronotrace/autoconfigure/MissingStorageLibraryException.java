package io.chronotrace.autoconfigure;

import java.util.List;

/**
 * Thrown at start-up when {@code chronotrace.storage}, or a tier of it, names a backend whose
 * client library is not on the classpath (see {@link StorageLibraries}).
 */
public class MissingStorageLibraryException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String backend;

	private final List<String> coordinates;

	/**
	 * Creates an exception.
	 * @param backend which property chose which backend, such as {@code chronotrace.storage is s3}
	 * @param coordinates the Maven coordinates ({@code group:artifact}) of the missing libraries
	 */
	public MissingStorageLibraryException(String backend, List<String> coordinates) {
		super(backend + ", but its client library is not on the classpath: add " + String.join(" and ", coordinates)
				+ " to the application's dependencies");
		this.backend = backend;
		this.coordinates = List.copyOf(coordinates);
	}

	/**
	 * Which property chose which backend.
	 * @return such as {@code chronotrace.storage is s3}
	 */
	public String getBackend() {
		return this.backend;
	}

	/**
	 * The libraries to add.
	 * @return their Maven coordinates, {@code group:artifact}
	 */
	public List<String> getCoordinates() {
		return this.coordinates;
	}

}
