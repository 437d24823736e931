package io.chronotrace.replay;

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
 */
public record ReplaySettings(@Nullable String target, List<String> ignoreHeaders, List<String> ignorePaths,
		Map<String, String> substitutes) {

	public ReplaySettings {
		ignoreHeaders = (ignoreHeaders != null) ? List.copyOf(ignoreHeaders) : List.of();
		ignorePaths = (ignorePaths != null) ? List.copyOf(ignorePaths) : List.of();
		Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		if (substitutes != null) {
			byName.putAll(substitutes);
		}
		substitutes = Collections.unmodifiableMap(byName);
	}

	/**
	 * Settings that send to the running application, compare everything and substitute nothing.
	 * @return the settings
	 */
	public static ReplaySettings defaults() {
		return new ReplaySettings(null, List.of(), List.of(), Map.of());
	}

}
