package io.chronotrace.core.storage;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.trace.TraceSummary;

/**
 * The position after which a listing continues: the start time and id of the last summary of
 * the previous page, or, when a listing stopped at its scan limit, the start time below which
 * it did not look ({@link #before(Instant)}), encoded as opaque URL-safe text.
 *
 * @param startTime the start time of the last summary returned
 * @param id its id
 */
public record TraceCursor(Instant startTime, TraceId id) {

	/** The smallest id: a cursor with it continues with what started strictly before its time. */
	static final TraceId SMALLEST_ID = TraceId.parse("00000000-0000-0000-0000-000000000000");

	/**
	 * The cursor that continues after a summary.
	 * @param last the last summary of a page
	 * @return the encoded cursor
	 */
	public static String after(TraceSummary last) {
		return new TraceCursor(last.startTime(), last.id()).encoded();
	}

	/**
	 * The position that continues with the traces that started strictly before an instant:
	 * where a listing stops when it has looked at every trace that started at that instant or
	 * later.
	 * @param time the instant
	 * @return the position
	 */
	public static TraceCursor before(Instant time) {
		return new TraceCursor(time, SMALLEST_ID);
	}

	/**
	 * This position as the text a query's cursor takes.
	 * @return the encoded cursor
	 */
	public String encoded() {
		String raw = this.startTime.getEpochSecond() + "." + this.startTime.getNano() + "." + this.id;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
	}

	/**
	 * Whether this position comes before another in newest-first order: a listing that
	 * reached it has seen more.
	 * @param other the other position
	 * @return whether this one is older
	 */
	public boolean isOlderThan(TraceCursor other) {
		int byTime = this.startTime.compareTo(other.startTime);
		return byTime < 0 || (byTime == 0 && this.id.compareTo(other.id) < 0);
	}

	/**
	 * Whether nothing can come after this position but what started strictly before its time.
	 * @return whether it is a {@link #before(Instant)} position
	 */
	boolean isBeforeTime() {
		return this.id.equals(SMALLEST_ID);
	}

	/**
	 * Decodes a cursor.
	 * @param cursor the encoded cursor
	 * @return the cursor
	 * @throws IllegalArgumentException when the text is not a cursor
	 */
	public static TraceCursor parse(String cursor) {
		try {
			String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
			String[] parts = raw.split("\\.", 3);
			Instant start = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
			return new TraceCursor(start, TraceId.parse(parts[2]));
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("Invalid trace listing cursor '" + cursor + "'", ex);
		}
	}

	/**
	 * Whether a summary comes after this cursor in newest-first order.
	 * @param summary the summary
	 * @return whether it belongs to a later page
	 */
	public boolean precedes(TraceSummary summary) {
		int byTime = summary.startTime().compareTo(this.startTime);
		return byTime < 0 || (byTime == 0 && summary.id().compareTo(this.id) < 0);
	}

}
