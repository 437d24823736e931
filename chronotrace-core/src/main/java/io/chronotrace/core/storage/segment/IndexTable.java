package io.chronotrace.core.storage.segment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The entries of one segment's index in memory (a local segment or an uploaded block), with
 * the orders that listings (newest first) and look-ups by id need. Immutable.
 */
public final class IndexTable {

	/** Newest start first, then the greater id first: the order of {@code TraceSummary.NEWEST_FIRST}. */
	public static final Comparator<IndexEntry> NEWEST_FIRST = (a, b) -> {
		int bySecond = Long.compare(b.startSecond(), a.startSecond());
		if (bySecond != 0) {
			return bySecond;
		}
		int byNano = Integer.compare(b.startNano(), a.startNano());
		if (byNano != 0) {
			return byNano;
		}
		int byMsb = Long.compareUnsigned(b.idMsb(), a.idMsb());
		return (byMsb != 0) ? byMsb : Long.compareUnsigned(b.idLsb(), a.idLsb());
	};

	private static final Comparator<IndexEntry> BY_ID = (a, b) -> {
		int byMsb = Long.compareUnsigned(a.idMsb(), b.idMsb());
		return (byMsb != 0) ? byMsb : Long.compareUnsigned(a.idLsb(), b.idLsb());
	};

	/** A table without entries. */
	public static final IndexTable EMPTY = new IndexTable(List.of());

	private final IndexEntry[] newestFirst;

	private final IndexEntry[] byId;

	private final List<IndexEntry> specials = new ArrayList<>();

	/**
	 * Sorts entries read from an index.
	 * @param entries the entries, in any order
	 */
	public IndexTable(List<IndexEntry> entries) {
		List<IndexEntry> traces = new ArrayList<>(entries.size());
		for (IndexEntry entry : entries) {
			if (entry.isTrace()) {
				traces.add(entry);
			}
			if (entry.kind() == IndexEntry.TOMBSTONE || entry.kind() == IndexEntry.REPLACING_TRACE) {
				this.specials.add(entry);
			}
		}
		this.newestFirst = traces.toArray(new IndexEntry[0]);
		Arrays.sort(this.newestFirst, NEWEST_FIRST);
		this.byId = entries.toArray(new IndexEntry[0]);
		Arrays.sort(this.byId, BY_ID);
	}

	/**
	 * The first 64 bits of the smallest id (unsigned), or {@code -1} (the largest) when empty.
	 * @return the bits
	 */
	long firstIdMsb() {
		return (this.byId.length > 0) ? this.byId[0].idMsb() : -1L;
	}

	/**
	 * The first 64 bits of the greatest id (unsigned), or {@code 0} (the smallest) when empty.
	 * @return the bits
	 */
	long lastIdMsb() {
		return (this.byId.length > 0) ? this.byId[this.byId.length - 1].idMsb() : 0L;
	}

	/**
	 * The number of entries of every kind.
	 * @return the number
	 */
	public int size() {
		return this.byId.length;
	}

	/**
	 * The traces, newest first.
	 * @return the entries; not to be modified
	 */
	public IndexEntry[] newestFirst() {
		return this.newestFirst;
	}

	/**
	 * The tombstones and replacing traces, which make other entries of their id stale.
	 * @return the entries
	 */
	public List<IndexEntry> specials() {
		return this.specials;
	}

	/**
	 * The position in {@link #newestFirst()} of the first trace that started before an instant.
	 * @param epochSecond the instant's second
	 * @param nano its nanosecond
	 * @return the position
	 */
	public int firstBefore(long epochSecond, int nano) {
		int low = 0;
		int high = this.newestFirst.length;
		while (low < high) {
			int mid = (low + high) >>> 1;
			IndexEntry entry = this.newestFirst[mid];
			boolean before = entry.startSecond() < epochSecond
					|| (entry.startSecond() == epochSecond && entry.startNano() < nano);
			if (before) {
				high = mid;
			}
			else {
				low = mid + 1;
			}
		}
		return low;
	}

	/**
	 * The newest version of an id in this table: its trace or tombstone of the highest version.
	 * @param msb the id's first 64 bits
	 * @param lsb its last 64 bits
	 * @return the entry, or {@code null} when the table has none of the id
	 */
	public @Nullable IndexEntry newestVersion(long msb, long lsb) {
		IndexEntry newest = null;
		for (IndexEntry entry : lookup(msb, lsb)) {
			if (entry.supersedes(newest)) {
				newest = entry;
			}
		}
		return newest;
	}

	/**
	 * Every entry of an id: its traces, tombstones and attachments.
	 * @param msb the id's first 64 bits
	 * @param lsb its last 64 bits
	 * @return the entries, possibly none
	 */
	public List<IndexEntry> lookup(long msb, long lsb) {
		int low = 0;
		int high = this.byId.length;
		while (low < high) {
			int mid = (low + high) >>> 1;
			IndexEntry entry = this.byId[mid];
			int cmp = Long.compareUnsigned(entry.idMsb(), msb);
			if (cmp == 0) {
				cmp = Long.compareUnsigned(entry.idLsb(), lsb);
			}
			if (cmp < 0) {
				low = mid + 1;
			}
			else {
				high = mid;
			}
		}
		List<IndexEntry> found = new ArrayList<>(2);
		for (int i = low; i < this.byId.length && this.byId[i].idMsb() == msb && this.byId[i].idLsb() == lsb; i++) {
			found.add(this.byId[i]);
		}
		return found;
	}

}
