package io.chronotrace.core.storage.segment;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

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
	 * The first and last id (first 64 bits, unsigned) of each table seen, kept when the table
	 * is evicted: two longs per segment, dropped with the day.
	 */
	private final Map<String, long[]> idRanges = new HashMap<>();

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
		noteRange(key, table.firstIdMsb(), table.lastIdMsb());
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

	/**
	 * Notes the id range of a table that is not cached (yet).
	 * @param key its {@code day/base}
	 * @param firstIdMsb the first 64 bits of its smallest id (unsigned)
	 * @param lastIdMsb the first 64 bits of its greatest id (unsigned)
	 */
	synchronized void noteRange(String key, long firstIdMsb, long lastIdMsb) {
		this.idRanges.put(key, new long[] { firstIdMsb, lastIdMsb });
	}

	/**
	 * The id range of a table, if known.
	 * @param key its {@code day/base}
	 * @return the first 64 bits of its smallest and greatest id, or {@code null}
	 */
	synchronized long @Nullable [] idRange(String key) {
		return this.idRanges.get(key);
	}

	/**
	 * Whether an id's first 64 bits fall in a range.
	 * @param range the range from {@link #idRange}, or {@code null} when it is not known
	 * @param msb the first 64 bits of the id
	 * @return whether a table with that range may hold the id
	 */
	static boolean mayHold(long @Nullable [] range, long msb) {
		return range == null || (Long.compareUnsigned(msb, range[0]) >= 0 && Long.compareUnsigned(msb, range[1]) <= 0);
	}

	synchronized boolean isFull() {
		return this.entries >= this.maxEntries;
	}

	/**
	 * Drops the tables of a day.
	 * @param day the day's folder name
	 */
	public synchronized void removeDay(String day) {
		this.idRanges.keySet().removeIf((key) -> key.startsWith(day + "/"));
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
