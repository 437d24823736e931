package io.chronotrace.actuate.endpoint;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import io.chronotrace.core.storage.StatusFilter;
import io.chronotrace.core.storage.TraceQuery;
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
 */
record TraceListParameters(@Nullable String from, @Nullable String to, @Nullable String status,
		@Nullable String method, @Nullable String path, @Nullable String minDuration, @Nullable String limit,
		@Nullable String cursor) {

	TraceQuery toQuery() {
		TraceQuery.Builder query = TraceQuery.builder()
			.from(instant("from", this.from, false))
			.to(instant("to", this.to, true))
			.pathPrefix(blankToNull(this.path))
			.limit(pageSize())
			.minDuration(shortest())
			.cursor(blankToNull(this.cursor));
		String status = blankToNull(this.status);
		if (status != null) {
			query.status(StatusFilter.parse(status));
		}
		String method = blankToNull(this.method);
		if (method != null) {
			if (!method.chars().allMatch((c) -> c < 128 && Character.isLetter(c))) {
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

	private @Nullable Duration shortest() {
		String millis = blankToNull(this.minDuration);
		if (millis == null) {
			return null;
		}
		try {
			long value = Long.parseLong(millis.trim());
			if (value >= 0) {
				return Duration.ofMillis(value);
			}
		}
		catch (NumberFormatException ex) {
			// answered below
		}
		throw new IllegalArgumentException(
				"Invalid minDuration '" + shorten(millis) + "': use a number of milliseconds such as 500");
	}

	private static @Nullable Instant instant(String name, @Nullable String value, boolean endOfDay) {
		String text = blankToNull(value);
		if (text == null) {
			return null;
		}
		// a '+' of an offset arrives as a space when the client did not encode it
		text = text.trim().replace(' ', '+');
		try {
			if (text.length() == 10) {
				LocalDate date = LocalDate.parse(text);
				return (endOfDay ? date.plusDays(1) : date).atStartOfDay(ZoneOffset.UTC).toInstant();
			}
			if (text.endsWith("Z") || text.endsWith("z")) {
				return Instant.parse(text.toUpperCase(Locale.ROOT));
			}
			if (text.indexOf('+', 10) > 0 || text.lastIndexOf('-') > 10) {
				return OffsetDateTime.parse(text).toInstant();
			}
			return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("Invalid " + name + " '" + shorten(text)
					+ "': use an ISO-8601 instant such as 2026-12-01T13:00:00Z or a date such as 2026-12-01", ex);
		}
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	private static String shorten(String text) {
		String shown = (text.length() > 64) ? text.substring(0, 64) + "..." : text;
		return shown.replaceAll("\\p{Cntrl}", "?");
	}

}
