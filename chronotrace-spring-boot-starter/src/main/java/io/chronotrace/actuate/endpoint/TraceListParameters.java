package io.chronotrace.actuate.endpoint;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import io.chronotrace.core.storage.StatusFilter;
import io.chronotrace.core.storage.TraceCursor;
import io.chronotrace.core.support.BoundedText;
import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.trace.TraceOrigin;
import org.jspecify.annotations.Nullable;

/**
 * The query parameters of the listing, as they arrive in the URL, turned into a
 * {@link TraceQuery}. Every mistake is an {@link IllegalArgumentException} whose message says
 * what to send instead.
 *
 * @param from the earliest start: an ISO-8601 instant or a date (its first instant, UTC)
 * @param to the latest start, exclusive: an instant, or a date (included whole)
 * @param status a status or a class: {@code 500}, {@code 5xx}
 * @param method an HTTP method
 * @param path the start of the request path
 * @param minDuration the shortest duration, in milliseconds
 * @param limit the page size, 1 to 1000, default 50
 * @param cursor the {@code next} of the previous page
 * @param origin the origins to keep, separated by commas: {@code request}, {@code replay},
 * {@code self-call}, {@code generated-test}
 */
record TraceListParameters(@Nullable String from, @Nullable String to, @Nullable String status,
		@Nullable String method, @Nullable String path, @Nullable String minDuration, @Nullable String limit,
		@Nullable String cursor, @Nullable String origin) {

	TraceListParameters(@Nullable String from, @Nullable String to, @Nullable String status, @Nullable String method,
			@Nullable String path, @Nullable String minDuration, @Nullable String limit, @Nullable String cursor) {
		this(from, to, status, method, path, minDuration, limit, cursor, null);
	}

	/** The earliest instant a list may name: no trace is older. */
	static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");

	/** The end of the last day with a four-digit year, which every backend can name. */
	static final Instant LATEST = Instant.parse("+10000-01-01T00:00:00Z");

	/** The longest duration a list may ask for, in milliseconds: its microseconds fit a long. */
	static final long MAX_DURATION_MILLIS = Long.MAX_VALUE / 1_000_000;

	private static final int MAX_PATH_LENGTH = 2048;

	private static final int MAX_CURSOR_LENGTH = 256;

	TraceQuery toQuery() {
		String path = blankToNull(this.path);
		if (path != null && path.length() > MAX_PATH_LENGTH) {
			throw new IllegalArgumentException("Invalid path '" + shorten(path) + "': a path prefix is at most "
					+ MAX_PATH_LENGTH + " characters");
		}
		String cursor = blankToNull(this.cursor);
		if (cursor != null && (cursor.length() > MAX_CURSOR_LENGTH || !inRange(cursor))) {
			throw new IllegalArgumentException("Invalid cursor '" + shorten(cursor)
					+ "': use the 'next' value of the previous page");
		}
		TraceQuery.Builder query = TraceQuery.builder()
			.from(instant("from", this.from, false))
			.to(instant("to", this.to, true))
			.pathPrefix(path)
			.limit(pageSize())
			.minDuration(shortest())
			.cursor(cursor)
			.origins(origins());
		String status = blankToNull(this.status);
		if (status != null) {
			try {
				query.status(StatusFilter.parse(status));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("Invalid status '" + shorten(status)
						+ "': use a status such as 404 or a class such as 5xx", ex);
			}
		}
		String method = blankToNull(this.method);
		if (method != null) {
			if (method.length() > 32 || !method.chars().allMatch((c) -> c < 128 && Character.isLetter(c))) {
				throw new IllegalArgumentException("Invalid method '" + shorten(method) + "': use an HTTP method such as GET");
			}
			query.method(method.toUpperCase(Locale.ROOT));
		}
		try {
			return query.build();
		}
		catch (IllegalArgumentException ex) {
			// the cursor is decoded by the query itself
			throw new IllegalArgumentException(ex.getMessage() + "; use the 'next' value of the previous page", ex);
		}
	}

	/** Whether a cursor is one and points between {@link #EARLIEST} and {@link #LATEST}. */
	private static boolean inRange(String cursor) {
		try {
			Instant position = TraceCursor.parse(cursor).startTime();
			return !position.isBefore(EARLIEST) && !position.isAfter(LATEST);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private int pageSize() {
		String limit = blankToNull(this.limit);
		if (limit == null) {
			return TraceQuery.DEFAULT_LIMIT;
		}
		try {
			int value = Integer.parseInt(limit.trim());
			if (value >= 1 && value <= TraceQuery.MAX_LIMIT) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// answered below
		}
		throw new IllegalArgumentException(
				"Invalid limit '" + shorten(limit) + "': use a number from 1 to " + TraceQuery.MAX_LIMIT);
	}

	private @Nullable Set<TraceOrigin> origins() {
		String origins = blankToNull(this.origin);
		if (origins == null) {
			return null;
		}
		Set<TraceOrigin> kept = EnumSet.noneOf(TraceOrigin.class);
		for (String name : origins.split(",", 8)) {
			TraceOrigin origin = (name.length() <= 32) ? TraceOrigin.ofParameterName(name) : null;
			if (origin == null) {
				throw new IllegalArgumentException("Invalid origin '" + shorten(origins) + "': use request, replay,"
						+ " self-call or generated-test, or several separated by commas such as request,replay");
			}
			kept.add(origin);
		}
		return kept;
	}

	private @Nullable Duration shortest() {
		String millis = blankToNull(this.minDuration);
		if (millis == null) {
			return null;
		}
		try {
			long value = Long.parseLong(millis.trim());
			if (value >= 0 && value <= MAX_DURATION_MILLIS) {
				return Duration.ofMillis(value);
			}
		}
		catch (NumberFormatException ex) {
			// answered below
		}
		throw new IllegalArgumentException(
				"Invalid minDuration '" + shorten(millis) + "': use a number of milliseconds from 0 to "
						+ MAX_DURATION_MILLIS + ", such as 500");
	}

	private static @Nullable Instant instant(String name, @Nullable String value, boolean endOfDay) {
		String text = blankToNull(value);
		if (text == null) {
			return null;
		}
		// a '+' of an offset arrives as a space when the client did not encode it
		text = text.trim().replace(' ', '+');
		Instant instant;
		try {
			if (text.length() == 10) {
				LocalDate date = LocalDate.parse(text);
				instant = (endOfDay ? date.plusDays(1) : date).atStartOfDay(ZoneOffset.UTC).toInstant();
			}
			else if (text.endsWith("Z") || text.endsWith("z")) {
				instant = Instant.parse(text.toUpperCase(Locale.ROOT));
			}
			else if (text.indexOf('+', 10) > 0 || text.lastIndexOf('-') > 10) {
				instant = OffsetDateTime.parse(text).toInstant();
			}
			else {
				instant = LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
			}
		}
		catch (DateTimeException ex) {
			throw new IllegalArgumentException("Invalid " + name + " '" + shorten(text)
					+ "': use an ISO-8601 instant such as 2026-12-01T13:00:00Z or a date such as 2026-12-01", ex);
		}
		if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
			throw new IllegalArgumentException("Invalid " + name + " '" + shorten(text) + "': use an instant from "
					+ EARLIEST + " to 9999-12-31T23:59:59Z");
		}
		return instant;
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	private static String shorten(String text) {
		return BoundedText.shown(text, 67);
	}

}
