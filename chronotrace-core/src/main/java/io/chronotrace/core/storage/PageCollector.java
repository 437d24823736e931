package io.chronotrace.core.storage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

import io.chronotrace.core.trace.TraceSummary;

/**
 * The newest summaries a listing has found so far: one page plus one, so that
 * {@link TracePage#of} knows whether a next page exists.
 * <p>
 * For backends that file traces by day under folders named by time-ordered ids: they read a
 * day's summaries newest millisecond first and stop as soon as {@link #excludes(long)} says
 * that nothing from that millisecond or earlier can enter the page.
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
	 * The page of what was collected.
	 * @return the page, newest first, with a cursor when more remain
	 */
	public TracePage toTracePage() {
		List<TraceSummary> sorted = new ArrayList<>(this.newest);
		sorted.sort(TraceSummary.NEWEST_FIRST);
		return TracePage.of(sorted, this.query);
	}

}
