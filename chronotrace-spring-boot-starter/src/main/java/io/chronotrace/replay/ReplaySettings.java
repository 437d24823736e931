package io.chronotrace.replay;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * How replays are sent and compared.
 *
 * @param target the base URL replays are sent to, such as {@code http://localhost:8080};
 * {@code null} for the running application's own server
 * @param ignoreHeaders response headers not compared, beyond those that always change
 * @param ignorePaths JSON paths of response bodies not compared
 * @param substitutes values sent instead of scrubbed ones, by header, parameter or field name
 * (case-insensitive); a scrubbed value without a substitute is not sent at all
 * @param timeout how long a replay may wait for its response; {@code null} for
 * {@link #DEFAULT_TIMEOUT}
 */
public record ReplaySettings(@Nullable String target, List<String> ignoreHeaders, List<String> ignorePaths,
		Map<String, String> substitutes, Duration timeout) {

	/** How long a replay waits for its response unless told otherwise. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

	public ReplaySettings {
		timeout = (timeout != null) ? timeout : DEFAULT_TIMEOUT;
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("chronotrace.replay.timeout must be positive, not " + timeout);
		}
		ignoreHeaders = (ignoreHeaders != null) ? List.copyOf(ignoreHeaders) : List.of();
		ignorePaths = (ignorePaths != null) ? List.copyOf(ignorePaths) : List.of();
		Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		if (substitutes != null) {
			byName.putAll(substitutes);
		}
		substitutes = Collections.unmodifiableMap(byName);
	}

	/**
	 * Settings with the default timeout.
	 * @param target the base URL replays are sent to; {@code null} for this application
	 * @param ignoreHeaders response headers not compared
	 * @param ignorePaths JSON paths of response bodies not compared
	 * @param substitutes values sent instead of scrubbed ones
	 */
	public ReplaySettings(@Nullable String target, List<String> ignoreHeaders, List<String> ignorePaths,
			Map<String, String> substitutes) {
		this(target, ignoreHeaders, ignorePaths, substitutes, DEFAULT_TIMEOUT);
	}

	/**
	 * Settings that send to the running application, compare everything and substitute nothing.
	 * @return the settings
	 */
	public static ReplaySettings defaults() {
		return new ReplaySettings(null, List.of(), List.of(), Map.of());
	}

}
