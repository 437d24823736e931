package io.chronotrace.core.storage;

import java.util.Objects;

/**
 * What a storage is, as health details, metrics, logs and the start-up report show it.
 *
 * @param type the kind of storage: {@code local}, {@code memory}, {@code s3}, {@code jdbc},
 * {@code redis}, {@code tiered} or a custom name
 * @param location where it keeps traces: a directory, a bucket and prefix, a table; never a
 * secret; empty when there is nothing to say
 */
public record StorageDescription(String type, String location) {

	public StorageDescription {
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(location, "location");
	}

	/**
	 * The description of a storage that has no location to show.
	 * @param type the kind of storage
	 * @return the description
	 */
	public static StorageDescription of(String type) {
		return new StorageDescription(type, "");
	}

	@Override
	public String toString() {
		return this.location.isEmpty() ? this.type : this.type + " " + this.location;
	}

}
