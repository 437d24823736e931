package io.chronotrace.core.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import io.chronotrace.core.trace.TraceSummary;
import org.jspecify.annotations.Nullable;

/**
 * What to list: filters, a page size and where to continue. Every filter is optional; the
 * listing is always newest first.
 *
 * @param from the earliest start time, inclusive
 * @param to the latest start time, exclusive
 * @param status the status filter: one status or a class such as 5xx
 * @param method the HTTP method, matched without regard to case
 * @param pathPrefix the start of the request path
 * @param minDuration the shortest duration to include
 * @param limit the page size, 1 to {@link #MAX_LIMIT}
 * @param cursor the {@link TracePage#nextCursor()} of the previous page
 */
public record TraceQuery(@Nullable Instant from, @Nullable Instant to, @Nullable StatusFilter status,
		@Nullable String method, @Nullable String pathPrefix, @Nullable Duration minDuration, int limit,
		@Nullable String cursor) {

	/** The page size when none is given. */
	public static final int DEFAULT_LIMIT = 50;

	/** The largest page size. */
	public static final int MAX_LIMIT = 1000;

	public TraceQuery {
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
		}
		if (cursor != null) {
			TraceCursor.parse(cursor);
		}
		method = (method != null) ? method.toUpperCase(Locale.ROOT) : null;
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
			Instant position = TraceCursor.parse(this.cursor).startTime().plusNanos(1);
			bound = (bound == null || position.isBefore(bound)) ? position : bound;
		}
		return bound;
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

		public TraceQuery build() {
			return new TraceQuery(this.from, this.to, this.status, this.method, this.pathPrefix, this.minDuration,
					this.limit, this.cursor);
		}

	}

}
