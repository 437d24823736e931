package io.chronotrace.core.storage.segment;

import java.time.Instant;
import java.util.PriorityQueue;

import io.chronotrace.core.storage.TraceQuery;
import org.jspecify.annotations.Nullable;

/**
 * Merges the traces of several index tables newest first, within a query's time range: the
 * order in which a listing walks the segments (or uploaded blocks) of a day. Tables may be
 * added while merging, as long as none of their traces is newer than what was taken.
 */
public final class NewestFirstMerge {

	private final PriorityQueue<Cursor> cursors = new PriorityQueue<>(
			(a, b) -> IndexTable.NEWEST_FIRST.compare(a.current(), b.current()));

	private final @Nullable Instant upper;

	private final @Nullable Instant from;

	/**
	 * Starts a merge for a query.
	 * @param query gives the range of start times: its upper bound and {@code from}
	 */
	public NewestFirstMerge(TraceQuery query) {
		this.upper = query.upperBound();
		this.from = query.from();
	}

	/**
	 * Adds a table's traces that started before the query's upper bound.
	 * @param table the table
	 */
	public void add(IndexTable table) {
		Instant upper = this.upper;
		int start = (upper != null) ? table.firstBefore(upper.getEpochSecond(), upper.getNano()) : 0;
		if (start < table.newestFirst().length) {
			this.cursors.add(new Cursor(table.newestFirst(), start));
		}
	}

	/**
	 * The newest trace not taken yet, in the query's range or not.
	 * @return the entry, or {@code null} when every trace was taken
	 */
	public @Nullable IndexEntry peek() {
		Cursor cursor = this.cursors.peek();
		return (cursor != null) ? cursor.current() : null;
	}

	/**
	 * Takes the newest trace not taken yet.
	 * @return the entry, or {@code null} when none is left in the query's range
	 */
	public @Nullable IndexEntry next() {
		Cursor cursor = this.cursors.poll();
		if (cursor == null) {
			return null;
		}
		IndexEntry entry = cursor.current();
		if (this.from != null && entry.startedBefore(this.from)) {
			this.cursors.clear(); // every trace left started earlier still
			return null;
		}
		if (cursor.advance()) {
			this.cursors.add(cursor);
		}
		return entry;
	}

	private static final class Cursor {

		private final IndexEntry[] entries;

		private int position;

		Cursor(IndexEntry[] entries, int position) {
			this.entries = entries;
			this.position = position;
		}

		IndexEntry current() {
			return this.entries[this.position];
		}

		boolean advance() {
			return ++this.position < this.entries.length;
		}

	}

}
