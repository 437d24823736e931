package io.chronotrace.core.storage;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.trace.TraceSummary;

/**
 * The position after which a listing continues: the start time and id of the last summary of
 * the previous page, encoded as opaque URL-safe text.
 *
 * @param startTime the start time of the last summary returned
 * @param id its id
 */
public record TraceCursor(Instant startTime, TraceId id) {

	/**
	 * The cursor that continues after a summary.
	 * @param last the last summary of a page
	 * @return the encoded cursor
	 */
	public static String after(TraceSummary last) {
		String raw = last.startTime().getEpochSecond() + "." + last.startTime().getNano() + "." + last.id();
		return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
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
