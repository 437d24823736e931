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

/**
 * The newest summaries a listing has found so far: one page plus one, so that
 * {@link TracePage#of} knows whether a next page exists.
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

	/**
	 * Creates a collector for a query.
	 * @param query the query whose page is collected
	 */
	public PageCollector(TraceQuery query) {
		this.query = query;
		this.wanted = query.limit() + 1;
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
	 * Whether the collector holds a page plus one.
	 * @return whether it is full
	 */
	public boolean isFull() {
		return this.newest.size() >= this.wanted;
	}

	/**
	 * Whether every trace that started in the given millisecond or earlier is older than all
	 * the summaries kept, so that nothing from then can enter the page.
	 * @param millis the epoch millisecond
	 * @return whether reading from then on is useless
	 */
	public boolean excludes(long millis) {
		return isFull() && millis < this.newest.element().startTime().toEpochMilli();
	}

	/**
	 * Walks days newest first, collecting each day that the query's time range reaches, until
	 * the page is full.
	 * @param <D> the backend's handle of a day
	 * @param daysNewestFirst the days that hold traces, newest first
	 * @param date the date of a day
	 * @param collect collects one day, typically with {@link #collectDay(Collection, Function)}
	 * @return the page
	 */
	public <D> TracePage walkDays(List<D> daysNewestFirst, Function<D, LocalDate> date, Consumer<D> collect) {
		for (D day : daysNewestFirst) {
			if (isFull()) {
				break;
			}
			if (reaches(date.apply(day))) {
				collect.accept(day);
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
	 * once nothing older can enter the page.
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
				reader.apply(id).filter(this.query::matches).ifPresent(this::add);
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
			if (excludes(id.timestamp().orElseThrow().toEpochMilli())) {
				return;
			}
			reader.apply(id).filter(this.query::matches).ifPresent(this::add);
		}
	}

	/**
	 * The page of what was collected.
	 * @return the page, newest first, with a cursor when more remain
	 */
	public TracePage toTracePage() {
		List<TraceSummary> sorted = new ArrayList<>(this.newest);
		sorted.sort(TraceSummary.NEWEST_FIRST);
		return TracePage.of(sorted, this.query);
	}

}
