package io.chronotrace.autoconfigure;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;

/**
 * The backends in use, by name, as the environment says before the properties are bound:
 * {@code chronotrace.storage}, and with {@code tiered} its {@code chronotrace.tiered.hot} and
 * {@code chronotrace.tiered.cold}. A tier may name an application's own backend (a
 * {@link TraceStorageFactory} bean of that name).
 *
 * @param storage the value of {@code chronotrace.storage}
 * @param hot the hot tier's backend, when tiered
 * @param cold the cold tier's backend, when tiered and set
 */
record StorageBackends(String storage, @Nullable String hot, @Nullable String cold) {

	/** The hot tier's backend when none is set. */
	static final String DEFAULT_HOT = "local";

	static StorageBackends of(Environment environment) {
		String storage = name(environment.getProperty("chronotrace.storage"), "local");
		if (!"tiered".equals(storage)) {
			return new StorageBackends(storage, null, null);
		}
		return new StorageBackends(storage, name(environment.getProperty("chronotrace.tiered.hot"), DEFAULT_HOT),
				name(environment.getProperty("chronotrace.tiered.cold"), null));
	}

	/**
	 * The backends in use: the storage, or its tiers.
	 * @return their names
	 */
	Set<String> inUse() {
		Set<String> names = new LinkedHashSet<>();
		names.add(this.storage);
		if (this.hot != null) {
			names.add(this.hot);
		}
		if (this.cold != null) {
			names.add(this.cold);
		}
		return names;
	}

	/**
	 * Which property names a backend in use.
	 * @param backend a backend in use
	 * @return {@code chronotrace.storage is s3} or {@code chronotrace.tiered.cold is s3}
	 */
	String describe(String backend) {
		if (backend.equals(this.storage)) {
			return "chronotrace.storage is " + backend;
		}
		return ((backend.equals(this.hot)) ? "chronotrace.tiered.hot" : "chronotrace.tiered.cold") + " is " + backend;
	}

	/** A backend's name as the properties write it: lower case, words joined by '-'. */
	static @Nullable String name(@Nullable String value, @Nullable String fallback) {
		if (value == null || value.isBlank()) {
			return fallback;
		}
		return value.trim().replace('_', '-').toLowerCase(Locale.ROOT);
	}

}
