package io.chronotrace.replay;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import io.chronotrace.core.support.BoundedText;

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
 * @param allowedMethods the request methods that may be replayed, upper-case; {@code null} for
 * {@link #SAFE_METHODS}
 * @param maxBodySize how many bytes of the replayed response are read; the rest is not compared
 * @param unorderedPaths JSON paths of arrays whose order is noise ({@code lines} for the lines
 * of a text body)
 */
public record ReplaySettings(@Nullable String target, List<String> ignoreHeaders, List<String> ignorePaths,
		Map<String, String> substitutes, Duration timeout, Set<String> allowedMethods, long maxBodySize,
		List<String> unorderedPaths) {

	/** How long a replay waits for its response unless told otherwise. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

	/** The methods replayed unless told otherwise: those that change nothing on the server. */
	public static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

	/** How much of a replayed response is read unless told otherwise: the default capture limit. */
	public static final long DEFAULT_MAX_BODY_SIZE = 10L * 1024 * 1024;

	public ReplaySettings {
		timeout = (timeout != null) ? timeout : DEFAULT_TIMEOUT;
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("chronotrace.replay.timeout must be positive, not " + timeout);
		}
		if (maxBodySize < 0) {
			throw new IllegalArgumentException("The replay's body limit must not be negative, not " + maxBodySize);
		}
		ignoreHeaders = (ignoreHeaders != null) ? List.copyOf(ignoreHeaders) : List.of();
		ignorePaths = (ignorePaths != null) ? List.copyOf(ignorePaths) : List.of();
		unorderedPaths = (unorderedPaths != null) ? List.copyOf(unorderedPaths) : List.of();
		Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		if (substitutes != null) {
			byName.putAll(substitutes);
		}
		substitutes = Collections.unmodifiableMap(byName);
		if (allowedMethods != null) {
			for (String method : allowedMethods) {
				if (method == null || !method.trim().chars().allMatch(Character::isLetter) || method.isBlank()) {
					throw new IllegalArgumentException("chronotrace.replay.allowed-methods holds '"
							+ BoundedText.shown(method, 32) + "', which is not an HTTP method such as GET or POST");
				}
			}
		}
		allowedMethods = (allowedMethods != null) ? allowedMethods.stream()
			.map((method) -> method.trim().toUpperCase(Locale.ROOT))
			.collect(Collectors.toUnmodifiableSet()) : SAFE_METHODS;
	}

	/**
	 * Settings with the default timeout, methods and body limit.
	 * @param target the base URL replays are sent to; {@code null} for this application
	 * @param ignoreHeaders response headers not compared
	 * @param ignorePaths JSON paths of response bodies not compared
	 * @param substitutes values sent instead of scrubbed ones
	 */
	public ReplaySettings(@Nullable String target, List<String> ignoreHeaders, List<String> ignorePaths,
			Map<String, String> substitutes) {
		this(target, ignoreHeaders, ignorePaths, substitutes, DEFAULT_TIMEOUT, SAFE_METHODS, DEFAULT_MAX_BODY_SIZE,
				List.of());
	}

	/**
	 * Settings that send to the running application, compare everything, substitute nothing
	 * and replay only {@link #SAFE_METHODS}.
	 * @return the settings
	 */
	public static ReplaySettings defaults() {
		return new ReplaySettings(null, List.of(), List.of(), Map.of());
	}

	/**
	 * The same settings with other allowed methods.
	 * @param methods the methods that may be replayed
	 * @return the settings
	 */
	public ReplaySettings withAllowedMethods(String... methods) {
		return new ReplaySettings(this.target, this.ignoreHeaders, this.ignorePaths, this.substitutes, this.timeout,
				Set.of(methods), this.maxBodySize, this.unorderedPaths);
	}

	/**
	 * Whether a recorded request's method may be replayed.
	 * @param method the method, in any case
	 * @return whether it is one of {@link #allowedMethods()}
	 */
	public boolean allows(String method) {
		return this.allowedMethods.contains(method.toUpperCase(Locale.ROOT));
	}

}
