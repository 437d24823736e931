package io.chronotrace.core.storage.segment;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chronotrace.core.storage.PageCollector;
import io.chronotrace.core.storage.TracePage;
import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.storage.segment.SegmentIndexes.DayTables;

/**
 * Lists a segment storage's traces newest first: day by day, reading indexes only.
 */
final class SegmentListing {

	private final SegmentDirectory directory;

	private final SegmentIndexes indexes;

	SegmentListing(SegmentDirectory directory, SegmentIndexes indexes) {
		this.directory = directory;
		this.indexes = indexes;
	}

	TracePage list(TraceQuery query) {
		PageCollector page = new PageCollector(query);
		List<LocalDate> days = this.directory.days();
		// not walkDays, which may also stop at the end of a day: that would move where this
		// listing's pages end
		for (int i = days.size() - 1; i >= 0 && !page.isDone(); i--) {
			LocalDate day = days.get(i);
			if (page.reaches(day)) {
				listDay(this.indexes.dayTables(day), query, page);
			}
		}
		return page.toTracePage();
	}

	private void listDay(DayTables day, TraceQuery query, PageCollector page) {
		NewestFirstMerge merge = new NewestFirstMerge(query);
		day.tables().forEach(merge::add);
		Map<UUID, IndexEntry> latest = day.latestOfSpecials();
		while (!page.isFull()) {
			IndexEntry entry = merge.next();
			if (entry == null || !page.next(entry.startTime())) {
				break;
			}
			if (isLive(entry, latest)) {
				page.offer(entry.summary());
			}
			else {
				page.skipped();
			}
		}
	}

	private static boolean isLive(IndexEntry entry, Map<UUID, IndexEntry> latest) {
		if (latest.isEmpty()) {
			return true;
		}
		IndexEntry newest = latest.get(new UUID(entry.idMsb(), entry.idLsb()));
		return newest == null || (newest.version() == entry.version() && newest.isTrace());
	}

}
