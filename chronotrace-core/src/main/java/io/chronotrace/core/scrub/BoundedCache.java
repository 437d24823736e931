package io.chronotrace.core.scrub;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A thread-safe cache of results that recur (header names, JSON keys, SQL statements), bounded
 * by clearing it when it is full: cheap, and names that recur are back after a few requests.
 */
final class BoundedCache<K, V> {

	private final Map<K, V> entries = new ConcurrentHashMap<>();

	private final int maxEntries;

	BoundedCache(int maxEntries) {
		this.maxEntries = maxEntries;
	}

	V get(K key, Function<K, V> compute) {
		V value = this.entries.get(key);
		if (value == null) {
			value = compute.apply(key);
			if (this.entries.size() >= this.maxEntries) {
				this.entries.clear();
			}
			this.entries.put(key, value);
		}
		return value;
	}

}
