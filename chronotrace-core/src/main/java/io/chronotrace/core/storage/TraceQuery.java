package io.chronotrace.core.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import io.chronotrace.core.trace.TraceOrigin;
import io.chronotrace.core.trace.TraceSummary;
import org.jspecify.annotations.Nullable;

/**
 * What to list: filters, a page size, where to continue and how much one listing may look at.
 * Every filter is optional; the listing is always newest first.
 * <p>
 * A filter that matches few traces would make a listing read everything it has; the scan
 * limit bounds that work. A backend looks at no more than about {@code scanLimit} summaries
 * for one page (finishing the traces of the instant it is at) and, when it stops there,
 * returns what it found so far, possibly nothing, with a cursor that continues where it
 * stopped: a page with fewer than {@code limit} items and a cursor means "not done, continue".
 *
 * @param from the earliest start time, inclusive
 * @param to the latest start time, exclusive
 * @param status the status filter: one status or a class such as 5xx
 * @param method the HTTP method, matched without regard to case
 * @param pathPrefix the start of the request path
 * @param minDuration the shortest duration to include
 * @param limit the page size, 1 to {@link #MAX_LIMIT}
 * @param cursor the {@link TracePage#nextCursor()} of the previous page
 * @param scanLimit about how many summaries one listing may look at, matching or not
 * @param origins the origins to keep ({@link TraceSummary#origin()}); {@code null} keeps every
 * origin
 */
public record TraceQuery(@Nullable Instant from, @Nullable Instant to, @Nullable StatusFilter status,
		@Nullable String method, @Nullable String pathPrefix, @Nullable Duration minDuration, int limit,
		@Nullable String cursor, int scanLimit, @Nullable Set<TraceOrigin> origins) {

	/** The page size when none is given. */
	public static final int DEFAULT_LIMIT = 50;

	/** The largest page size. */
	public static final int MAX_LIMIT = 1000;

	/**
	 * The scan limit when none is given: twice the largest page, a fraction of a second of
	 * reads on local disk, and what a listing of a page cost before the limit existed.
	 */
	public static final int DEFAULT_SCAN_LIMIT = 2 * MAX_LIMIT;

	/**
	 * The scan limit of listings that must see every trace in one go, such as maintenance
	 * that takes an empty page for the end.
	 */
	public static final int NO_SCAN_LIMIT = Integer.MAX_VALUE;

	public TraceQuery {
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
		}
		if (scanLimit < 1) {
			throw new IllegalArgumentException("scan limit must be positive, was " + scanLimit);
		}
		if (cursor != null) {
			TraceCursor.parse(cursor);
		}
		method = (method != null) ? method.toUpperCase(Locale.ROOT) : null;
		if (origins != null) {
			if (origins.isEmpty()) {
				throw new IllegalArgumentException("origins must name at least one origin, or be null for all");
			}
			// every origin is no filter at all: backends then skip it
			origins = (origins.size() == TraceOrigin.values().length) ? null
					: Set.copyOf(EnumSet.copyOf(origins));
		}
	}

	/**
	 * A query of every origin.
	 * @param from the earliest start time, inclusive
	 * @param to the latest start time, exclusive
	 * @param status the status filter
	 * @param method the HTTP method
	 * @param pathPrefix the start of the request path
	 * @param minDuration the shortest duration to include
	 * @param limit the page size
	 * @param cursor the cursor of the previous page
	 * @param scanLimit about how many summaries one listing may look at
	 */
	public TraceQuery(@Nullable Instant from, @Nullable Instant to, @Nullable StatusFilter status,
			@Nullable String method, @Nullable String pathPrefix, @Nullable Duration minDuration, int limit,
			@Nullable String cursor, int scanLimit) {
		this(from, to, status, method, pathPrefix, minDuration, limit, cursor, scanLimit, null);
	}

	/**
	 * A query with the default scan limit.
	 * @param from the earliest start time, inclusive
	 * @param to the latest start time, exclusive
	 * @param status the status filter
	 * @param method the HTTP method
	 * @param pathPrefix the start of the request path
	 * @param minDuration the shortest duration to include
	 * @param limit the page size
	 * @param cursor the cursor of the previous page
	 */
	public TraceQuery(@Nullable Instant from, @Nullable Instant to, @Nullable StatusFilter status,
			@Nullable String method, @Nullable String pathPrefix, @Nullable Duration minDuration, int limit,
			@Nullable String cursor) {
		this(from, to, status, method, pathPrefix, minDuration, limit, cursor, DEFAULT_SCAN_LIMIT);
	}

	/**
	 * A query for the newest traces, without filters.
	 * @return the query
	 */
	public static TraceQuery newest() {
		return builder().build();
	}

	/**
	 * A builder.
	 * @return a builder with no filters and the default limit
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Whether a summary passes the filters (the cursor included).
	 * @param summary the summary
	 * @return whether it belongs in the listing
	 */
	public boolean matches(TraceSummary summary) {
		if (this.from != null && summary.startTime().isBefore(this.from)) {
			return false;
		}
		if (this.to != null && !summary.startTime().isBefore(this.to)) {
			return false;
		}
		if (this.status != null && !this.status.matches(summary.status())) {
			return false;
		}
		if (this.method != null && !this.method.equals(summary.method())) {
			return false;
		}
		if (this.pathPrefix != null && !summary.path().startsWith(this.pathPrefix)) {
			return false;
		}
		if (this.minDuration != null && summary.durationMicros() * 1000 < this.minDuration.toNanos()) {
			return false;
		}
		if (this.origins != null && !this.origins.contains(summary.origin())) {
			return false;
		}
		return this.cursor == null || TraceCursor.parse(this.cursor).precedes(summary);
	}

	/**
	 * The start time below which nothing can match: the cursor's position or {@link #to()}.
	 * Backends that lay traces out by time use it to skip what a page cannot contain.
	 * @return the exclusive upper bound of start times, or {@code null} when unbounded
	 */
	public @Nullable Instant upperBound() {
		Instant bound = this.to;
		if (this.cursor != null) {
			TraceCursor parsed = TraceCursor.parse(this.cursor);
			// after a scan limit, nothing of the cursor's instant is left
			Instant position = parsed.isBeforeTime() ? parsed.startTime() : parsed.startTime().plusNanos(1);
			bound = (bound == null || position.isBefore(bound)) ? position : bound;
		}
		return bound;
	}

	/**
	 * Where this query starts: its cursor, or the position just before {@link #to()}.
	 * @return the position, or {@code null} when the query starts with the newest trace
	 */
	public @Nullable TraceCursor start() {
		if (this.cursor != null) {
			TraceCursor parsed = TraceCursor.parse(this.cursor);
			if (this.to == null || parsed.startTime().isBefore(this.to)) {
				return parsed;
			}
		}
		return (this.to != null) ? TraceCursor.before(this.to) : null;
	}

	/** Builds a {@link TraceQuery}. */
	public static final class Builder {

		private @Nullable Instant from;

		private @Nullable Instant to;

		private @Nullable StatusFilter status;

		private @Nullable String method;

		private @Nullable String pathPrefix;

		private @Nullable Duration minDuration;

		private int limit = DEFAULT_LIMIT;

		private @Nullable String cursor;

		private int scanLimit = DEFAULT_SCAN_LIMIT;

		private @Nullable Set<TraceOrigin> origins;

		private Builder() {
		}

		public Builder from(@Nullable Instant from) {
			this.from = from;
			return this;
		}

		public Builder to(@Nullable Instant to) {
			this.to = to;
			return this;
		}

		public Builder status(@Nullable StatusFilter status) {
			this.status = status;
			return this;
		}

		public Builder method(@Nullable String method) {
			this.method = method;
			return this;
		}

		public Builder pathPrefix(@Nullable String pathPrefix) {
			this.pathPrefix = pathPrefix;
			return this;
		}

		public Builder minDuration(@Nullable Duration minDuration) {
			this.minDuration = minDuration;
			return this;
		}

		public Builder limit(int limit) {
			this.limit = limit;
			return this;
		}

		public Builder cursor(@Nullable String cursor) {
			this.cursor = cursor;
			return this;
		}

		public Builder scanLimit(int scanLimit) {
			this.scanLimit = scanLimit;
			return this;
		}

		/**
		 * Keeps only traces of some origins.
		 * @param origins the origins to keep; {@code null} for every origin
		 * @return this builder
		 */
		public Builder origins(@Nullable Set<TraceOrigin> origins) {
			this.origins = origins;
			return this;
		}

		public TraceQuery build() {
			return new TraceQuery(this.from, this.to, this.status, this.method, this.pathPrefix, this.minDuration,
					this.limit, this.cursor, this.scanLimit, this.origins);
		}

	}

}
