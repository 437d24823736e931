package io.chronotrace.core.storage;

import java.util.List;

import io.chronotrace.core.trace.TraceSummary;
import org.jspecify.annotations.Nullable;

/**
 * One page of a listing, newest first.
 *
 * @param items the summaries
 * @param nextCursor the cursor that continues the listing after the last item, {@code null}
 * when there is nothing more
 */
public record TracePage(List<TraceSummary> items, @Nullable String nextCursor) {

	public TracePage {
		items = List.copyOf(items);
	}

	/**
	 * Builds a page from summaries that already match the query and are sorted newest first:
	 * keeps {@code limit} of them and sets the cursor when more remain.
	 * @param sorted the matching summaries, newest first, possibly more than a page
	 * @param query the query
	 * @return the page
	 */
	public static TracePage of(List<TraceSummary> sorted, TraceQuery query) {
		if (sorted.size() <= query.limit()) {
			return new TracePage(sorted, null);
		}
		List<TraceSummary> items = sorted.subList(0, query.limit());
		return new TracePage(items, TraceCursor.after(items.get(items.size() - 1)));
	}

}
