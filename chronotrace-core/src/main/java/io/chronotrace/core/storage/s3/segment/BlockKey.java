package io.chronotrace.core.storage.s3.segment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import io.chronotrace.core.storage.TraceLayout;
import io.chronotrace.core.storage.segment.IndexEntry;
import io.chronotrace.core.storage.segment.IndexTable;
import io.chronotrace.core.storage.segment.SegmentFiles;

/**
 * The name of an uploaded block's index object. The name carries the range of start times of
 * the block's traces, so that a listing reads only the indexes that can hold its page, and
 * whether the block holds tombstones or traces stored again (which every reader of the day must
 * see):
 * <pre>
 * {prefix}/{yyyy-MM-dd}/{base}.seg                                   the block (the sealed segment as is)
 * {prefix}/{yyyy-MM-dd}/{base}.{oldestMillis}.{newestMillis}.{0|1}.idx its index, uploaded last
 * {prefix}/{yyyy-MM-dd}/{traceId}.{version}.tomb                      a deleted trace (empty object)
 * </pre>
 *
 * @param day the UTC day
 * @param base the segment's base name, {@code {createdMillis}-{nonce}}
 * @param oldestMillis the start of the block's oldest trace, epoch milliseconds (0 when none)
 * @param newestMillis the start of its newest trace, epoch milliseconds (0 when none)
 * @param specials whether the block holds tombstones or traces that replace others
 */
record BlockKey(LocalDate day, String base, long oldestMillis, long newestMillis, boolean specials) {

	static final String TOMBSTONE = ".tomb";

	/**
	 * The key of a block from its index.
	 * @param day the UTC day
	 * @param base the segment's base name
	 * @param table the block's index
	 * @return the key
	 */
	static BlockKey of(LocalDate day, String base, IndexTable table) {
		IndexEntry[] traces = table.newestFirst();
		if (traces.length == 0) {
			// no range to skip the block by, so every reader of the day must look at it
			return new BlockKey(day, base, 0, 0, true);
		}
		// sorted by start, an order that rounding down to the millisecond keeps: the ends are the range
		return new BlockKey(day, base, traces[traces.length - 1].startMillis(), traces[0].startMillis(),
				!table.specials().isEmpty());
	}

	/**
	 * The index object's name within its day.
	 * @return the name
	 */
	String indexName() {
		return this.base + "." + this.oldestMillis + "." + this.newestMillis + "." + (this.specials ? 1 : 0)
				+ SegmentFiles.INDEX;
	}

	/**
	 * The block object's name within its day.
	 * @return the name
	 */
	String segmentName() {
		return this.base + SegmentFiles.SEGMENT;
	}

	/**
	 * Whether the block holds no trace that started before the bound.
	 * @param upper an exclusive upper bound of start times
	 * @return whether the block can be skipped
	 */
	boolean allAtOrAfter(Instant upper) {
		return !hasTraces() || !Instant.ofEpochMilli(this.oldestMillis).isBefore(upper);
	}

	/**
	 * Whether every trace of the block started before an instant.
	 * @param from an inclusive lower bound of start times
	 * @return whether the block can be skipped
	 */
	boolean allBefore(Instant from) {
		return !hasTraces() || !Instant.ofEpochMilli(this.newestMillis + 1).isAfter(from);
	}

	boolean hasTraces() {
		return this.newestMillis != 0 || this.oldestMillis != 0;
	}

	/**
	 * Whether the block may hold a trace that started in a millisecond, give or take a slack.
	 * @param millis the millisecond
	 * @param slack how far outside the range still counts
	 * @return whether to look in it
	 */
	boolean mayHold(long millis, long slack) {
		return hasTraces() && millis >= this.oldestMillis - slack && millis <= this.newestMillis + slack;
	}

	/**
	 * Parses an index object's name.
	 * @param day the day it is filed under
	 * @param name the name within the day
	 * @return the key, or empty when the name is not a block index
	 */
	static Optional<BlockKey> parseIndex(LocalDate day, String name) {
		if (!name.endsWith(SegmentFiles.INDEX)) {
			return Optional.empty();
		}
		String[] parts = name.substring(0, name.length() - SegmentFiles.INDEX.length()).split("\\.");
		if (parts.length != 4 || parts[0].isEmpty() || !(parts[3].equals("0") || parts[3].equals("1"))) {
			return Optional.empty();
		}
		try {
			return Optional.of(new BlockKey(day, parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2]),
					parts[3].equals("1")));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The folder of a day in the store.
	 * @param day the day
	 * @return the day's folder, with a trailing slash
	 */
	static String dayPrefix(LocalDate day) {
		return TraceLayout.dayFolder(day) + "/";
	}

}
