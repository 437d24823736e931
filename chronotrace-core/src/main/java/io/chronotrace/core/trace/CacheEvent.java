package io.chronotrace.core.trace;

import org.jspecify.annotations.Nullable;

/**
 * A Spring Cache operation.
 *
 * @param offsetMicros start offset from the request start
 * @param durationMicros duration of the operation
 * @param outcome {@code hit} or {@code miss} for reads, {@code ok} or {@code error} otherwise
 * @param operation {@code get}, {@code put}, {@code evict} or {@code clear}
 * @param cache the cache name
 * @param key the key, as text; {@code null} for {@code clear}
 */
public record CacheEvent(long offsetMicros, long durationMicros, String outcome, String operation, String cache,
		@Nullable String key) implements TraceEvent {

	/** Outcome of a read that found a value. */
	public static final String HIT = "hit";

	/** Outcome of a read that found nothing. */
	public static final String MISS = "miss";

}
