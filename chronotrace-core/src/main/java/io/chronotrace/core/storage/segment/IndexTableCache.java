package io.chronotrace.core.storage.segment;

import java.util.LinkedHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Parsed indexes of sealed segments (or uploaded blocks) by {@code day/base}, least recently
 * used dropped first, bounded by their number of entries. Thread-safe.
 */
public final class IndexTableCache {

	private final int maxEntries;

	private int entries;

	private final LinkedHashMap<String, IndexTable> tables = new LinkedHashMap<>(16, 0.75f, true);

	/**
	 * Creates an empty cache.
	 * @param maxEntries how many index entries it holds at most
	 */
	public IndexTableCache(int maxEntries) {
		this.maxEntries = maxEntries;
	}

	/**
	 * A cached table.
	 * @param key its {@code day/base}
	 * @return the table, or {@code null}
	 */
	public synchronized @Nullable IndexTable get(String key) {
		return this.tables.get(key);
	}

	/**
	 * Caches a table, dropping the least recently used others while the cache holds too many entries.
	 * @param key its {@code day/base}
	 * @param table the table
	 */
	public synchronized void put(String key, IndexTable table) {
		IndexTable previous = this.tables.put(key, table);
		this.entries += table.size() - ((previous != null) ? previous.size() : 0);
		var iterator = this.tables.entrySet().iterator();
		while (this.entries > this.maxEntries && iterator.hasNext()) {
			var eldest = iterator.next();
			if (eldest.getKey().equals(key)) {
				continue;
			}
			this.entries -= eldest.getValue().size();
			iterator.remove();
		}
	}

	synchronized boolean isFull() {
		return this.entries >= this.maxEntries;
	}

	/**
	 * Drops the tables of a day.
	 * @param day the day's folder name
	 */
	public synchronized void removeDay(String day) {
		var iterator = this.tables.entrySet().iterator();
		while (iterator.hasNext()) {
			var entry = iterator.next();
			if (entry.getKey().startsWith(day + "/")) {
				this.entries -= entry.getValue().size();
				iterator.remove();
			}
		}
	}

}
