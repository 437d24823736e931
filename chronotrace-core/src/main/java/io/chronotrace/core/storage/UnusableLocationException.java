package io.chronotrace.core.storage;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a storage cannot use its directory: it cannot be created, written or locked, or
 * another process writes it.
 */
public class UnusableLocationException extends TraceStorageException {

	private static final long serialVersionUID = 1L;

	private final String location;

	private final boolean inUse;

	/**
	 * Creates an exception.
	 * @param location the directory
	 * @param reason why it cannot be used, one line
	 * @param inUse whether another process uses it
	 * @param cause the cause
	 */
	public UnusableLocationException(String location, String reason, boolean inUse, @Nullable Throwable cause) {
		super(reason, cause);
		this.location = location;
		this.inUse = inUse;
	}

	/**
	 * The directory.
	 * @return where the storage was to keep traces
	 */
	public String getLocation() {
		return this.location;
	}

	/**
	 * Whether another process uses the directory (the segments layout lets one process write it).
	 * @return {@code true} when the directory is locked by another storage
	 */
	public boolean isInUse() {
		return this.inUse;
	}

}
