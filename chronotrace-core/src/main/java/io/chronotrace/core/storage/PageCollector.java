package io.chronotrace.core.storage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import java.util.function.Function;

import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.trace.TraceSummary;
import org.jspecify.annotations.Nullable;

/**
 * The newest summaries a listing has found so far: one page plus one, so that
 * {@link TracePage#of} knows whether a next page exists, and how much the listing looked at,
 * so that it stops at the query's {@linkplain TraceQuery#scanLimit() scan limit}.
 * <p>
 * A listing looks at summaries newest first, in groups that share a start (a millisecond, a
 * microsecond or an instant, as its backend orders them). Before each group it asks
 * {@link #next(Instant)}; once the scan limit is spent, the answer is to stop, and the page
 * ends with what was found and a cursor that continues with what started before the last
 * group that was looked at whole. A listing that merges pages of other listings tells it where
 * each of them stopped ({@link #cut(TraceCursor)}).
 * <p>
 * For backends that file traces by day under folders named by time-ordered ids: they read a
 * day's summaries newest millisecond first and stop as soon as {@link #excludes(long)} says
 * that nothing from that millisecond or earlier can enter the page. The walk itself, newest day
 * first and newest millisecond first within a day, lives here
 * ({@link #walkDays(List, Function, Consumer)}, {@link #collectDay(Collection, Function)}), so
 * that every such backend lists the same way; the backend only says which days and ids it has
 * and how to read a summary.
 */
public final class PageCollector {

	private static final Comparator<TraceSummary> OLDEST_FIRST = TraceSummary.NEWEST_FIRST.reversed();

	private final TraceQuery query;

	private final int wanted;

	private final PriorityQueue<TraceSummary> newest = new PriorityQueue<>(OLDEST_FIRST);

	private final @Nullable TraceCursor start;

	private int scanned;

	/** The start of the group looked at last, complete once the next group begins. */
	private @Nullable Instant group;

	/** Where the listing is complete down to: nothing older is returned. */
	private @Nullable TraceCursor cut;

	private boolean stopped;

	/**
	 * Creates a collector for a query.
	 * @param query the query whose page is collected
	 */
	public PageCollector(TraceQuery query) {
		this.query = query;
		this.wanted = query.limit() + 1;
		this.start = query.start();
	}

	/**
	 * Keeps a summary that matches the query, dropping the oldest kept when there are more
	 * than a page plus one.
	 * @param summary a summary that {@link TraceQuery#matches} the query
	 */
	public void add(TraceSummary summary) {
		this.newest.add(summary);
		if (this.newest.size() > this.wanted) {
			this.newest.poll();
		}
	}

	/**
	 * Counts a summary looked at, and keeps it when it matches the query.
	 * @param summary the summary
	 */
	public void offer(TraceSummary summary) {
		this.scanned++;
		if (this.query.matches(summary)) {
			add(summary);
		}
	}

	/**
	 * Counts a summary looked at that cannot enter the page: unreadable, or an entry that a
	 * newer version or a deletion hides.
	 */
	public void skipped() {
		this.scanned++;
	}

	/**
	 * Says that the next summary looked at belongs to the group that starts at an instant;
	 * groups come newest first. When the group is a new one, the one before is complete, and
	 * when the scan limit is spent the listing stops there.
	 * @param groupStart the start of the next summary's group: its start time, or that time
	 * cut to the unit the backend orders by
	 * @return whether to go on; {@code false} once the listing stopped
	 */
	public boolean next(Instant groupStart) {
		if (this.stopped) {
			return false;
		}
		Instant previous = this.group;
		if (previous != null && !previous.equals(groupStart) && stopBefore(previous)) {
			return false;
		}
		this.group = groupStart;
		return true;
	}

	/**
	 * Stops the listing at its scan limit, once what started at an instant or later was looked
	 * at whole: the page's cursor then continues with what started before it. Does nothing while
	 * the limit is not spent, or when stopping there would not get past where the query
	 * started (a listing always moves on).
	 * @param complete the instant down to which the listing looked at everything
	 * @return whether the listing stopped
	 */
	public boolean stopBefore(Instant complete) {
		if (this.stopped) {
			return true;
		}
		if (this.scanned < this.query.scanLimit()) {
			return false;
		}
		TraceCursor position = TraceCursor.before(complete);
		if (this.start != null && !position.isOlderThan(this.start)) {
			return false;
		}
		cut(position);
		this.stopped = true;
		return true;
	}

	/**
	 * Says where a listing that contributed to this page stopped (the cursor of its page):
	 * nothing older than that is returned, and the page's cursor is no older.
	 * @param position where it stopped
	 */
	public void cut(TraceCursor position) {
		TraceCursor current = this.cut;
		if (current == null || current.isOlderThan(position)) {
			this.cut = position;
		}
	}

	/**
	 * Whether the listing is over: the page is full, or the scan limit stopped it.
	 * @return whether to look at no more summaries
	 */
	public boolean isDone() {
		return isFull() || this.stopped;
	}

	/**
	 * Whether the collector holds a page plus one.
	 * @return whether it is full
	 */
	public boolean isFull() {
		return this.newest.size() >= this.wanted;
	}

	/**
	 * Whether every trace that started in the given millisecond or earlier is older than all
	 * the summaries kept, or than where the listing stopped, so that nothing from then can
	 * enter the page.
	 * @param millis the epoch millisecond
	 * @return whether reading from then on is useless
	 */
	public boolean excludes(long millis) {
		TraceCursor position = this.cut;
		if (position != null && millis < position.startTime().toEpochMilli()) {
			return true;
		}
		return isFull() && millis < this.newest.element().startTime().toEpochMilli();
	}

	/**
	 * Walks days newest first, collecting each day that the query's time range reaches, until
	 * the page is full, the scan limit is spent, or nothing of the day or older can enter the
	 * page ({@link #excludes(long)}).
	 * @param <D> the backend's handle of a day
	 * @param daysNewestFirst the days that hold traces, newest first
	 * @param date the date of a day
	 * @param collect collects one day, typically with {@link #collectDay(Collection, Function)}
	 * @return the page
	 */
	public <D> TracePage walkDays(List<D> daysNewestFirst, Function<D, LocalDate> date, Consumer<D> collect) {
		for (D day : daysNewestFirst) {
			LocalDate dayDate = date.apply(day);
			// excludes only once the page is done, unless a merged listing cut it
			if (isDone() || excludes(TraceLayout.startOf(dayDate.plusDays(1)).toEpochMilli() - 1)) {
				break;
			}
			if (reaches(dayDate)) {
				collect.accept(day);
				if (!isDone()) {
					// the day was looked at whole
					stopBefore(TraceLayout.startOf(dayDate));
				}
			}
		}
		return toTracePage();
	}

	/**
	 * Whether the query's time range reaches into a day (UTC).
	 * @param day the day
	 * @return whether the day may hold traces of the page
	 */
	public boolean reaches(LocalDate day) {
		Instant upper = this.query.upperBound();
		Instant from = this.query.from();
		boolean afterRange = upper != null && !TraceLayout.startOf(day).isBefore(upper);
		boolean beforeRange = from != null && !TraceLayout.startOf(day.plusDays(1)).isAfter(from);
		return !afterRange && !beforeRange;
	}

	/**
	 * Collects the traces of one day folder that match the query: those whose ids carry no time
	 * all, then time-ordered ones newest millisecond first within the query's range, stopping
	 * once nothing older can enter the page or the scan limit is spent (at a millisecond
	 * looked at whole).
	 * @param ids the ids of the day's trace folders
	 * @param reader reads a trace's summary; empty when it cannot be read (the reader warns)
	 */
	public void collectDay(Collection<TraceId> ids, Function<TraceId, Optional<TraceSummary>> reader) {
		Instant upper = this.query.upperBound();
		Instant from = this.query.from();
		List<TraceId> timed = new ArrayList<>();
		for (TraceId id : ids) {
			Optional<Instant> time = id.timestamp();
			if (time.isEmpty()) {
				// read whole on every visit of the day: the listing cannot stop within them
				read(id, reader);
				continue;
			}
			long millis = time.get().toEpochMilli();
			boolean tooNew = upper != null && millis > upper.minusNanos(1).toEpochMilli();
			boolean tooOld = from != null && millis < from.toEpochMilli();
			if (!tooNew && !tooOld) {
				timed.add(id);
			}
		}
		// time-ordered ids sort by their millisecond first: newest first
		timed.sort(Comparator.reverseOrder());
		for (TraceId id : timed) {
			long millis = id.timestamp().orElseThrow().toEpochMilli();
			if (excludes(millis) || !next(Instant.ofEpochMilli(millis))) {
				return;
			}
			read(id, reader);
		}
	}

	private void read(TraceId id, Function<TraceId, Optional<TraceSummary>> reader) {
		Optional<TraceSummary> summary = reader.apply(id);
		if (summary.isPresent()) {
			offer(summary.get());
		}
		else {
			skipped();
		}
	}

	/**
	 * The page of what was collected.
	 * @return the page, newest first, with a cursor when more remain or the listing stopped
	 * before its end
	 */
	public TracePage toTracePage() {
		List<TraceSummary> sorted = new ArrayList<>(this.newest);
		sorted.sort(TraceSummary.NEWEST_FIRST);
		TraceCursor position = this.cut;
		if (position == null) {
			return TracePage.of(sorted, this.query);
		}
		// what is older than where a listing stopped may miss newer traces: it comes again next page
		sorted.removeIf(position::precedes);
		if (sorted.size() > this.query.limit()) {
			return TracePage.of(sorted, this.query);
		}
		return new TracePage(sorted, position.encoded());
	}

}
