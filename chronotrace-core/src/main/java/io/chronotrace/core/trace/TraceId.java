package io.chronotrace.core.trace;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The identifier of a trace: a UUID in its canonical 36-character form.
 * <p>
 * Ids created here are version 7 UUIDs, whose first 48 bits are the epoch millisecond of the
 * request start: they sort by time, and a backend can find a trace's day folder from its id
 * alone. {@link #parse(String)} is strict because ids arrive from URLs and file names and
 * become storage keys: anything that is not a canonical UUID is rejected before it can name a
 * path.
 */
public final class TraceId implements Comparable<TraceId> {

	private final String value;

	/** The UUID, kept beside the text: storage keys on its bits, which a parse per use would cost. */
	private final UUID uuid;

	private TraceId(String value, UUID uuid) {
		this.value = value;
		this.uuid = uuid;
	}

	/**
	 * Parses a canonical UUID string ({@code 8-4-4-4-12} hex digits, either case).
	 * @param value the text to parse
	 * @return the trace id, in lower case
	 * @throws InvalidTraceIdException when the text is not a canonical UUID
	 */
	@JsonCreator
	public static TraceId parse(String value) {
		if (!isValid(value)) {
			throw new InvalidTraceIdException(value);
		}
		String canonical = value.toLowerCase(java.util.Locale.ROOT);
		return new TraceId(canonical, UUID.fromString(canonical));
	}

	/**
	 * Tells whether the text is a canonical UUID string, without throwing.
	 * @param value the text to test, may be {@code null}
	 * @return whether {@link #parse(String)} would accept it
	 */
	public static boolean isValid(String value) {
		if (value == null || value.length() != 36) {
			return false;
		}
		for (int i = 0; i < 36; i++) {
			char c = value.charAt(i);
			boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
			if (dash ? c != '-' : Character.digit(c, 16) < 0 || c > 'f') {
				return false;
			}
		}
		return true;
	}

	/**
	 * Creates a new time-ordered (version 7) id for a trace that starts at the given instant.
	 * @param start the start of the request
	 * @return a new id
	 */
	public static TraceId create(Instant start) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long millis = start.toEpochMilli();
		long msb = (millis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
		long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		UUID uuid = new UUID(msb, lsb);
		return new TraceId(uuid.toString(), uuid);
	}

	/**
	 * The instant encoded in a version 7 id.
	 * @return the epoch millisecond of the id, or empty for ids of other versions
	 */
	public Optional<Instant> timestamp() {
		if (this.value.charAt(14) != '7') {
			return Optional.empty();
		}
		return Optional.of(Instant.ofEpochMilli(this.uuid.getMostSignificantBits() >>> 16));
	}

	/**
	 * This id as a UUID.
	 * @return the UUID
	 */
	public UUID uuid() {
		return this.uuid;
	}

	@JsonValue
	@Override
	public String toString() {
		return this.value;
	}

	@Override
	public int compareTo(TraceId other) {
		return this.value.compareTo(other.value);
	}

	@Override
	public boolean equals(Object other) {
		return this == other || (other instanceof TraceId id && id.value.equals(this.value));
	}

	@Override
	public int hashCode() {
		return this.value.hashCode();
	}

}
