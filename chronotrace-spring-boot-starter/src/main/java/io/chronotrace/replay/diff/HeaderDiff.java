package io.chronotrace.replay.diff;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * Compares the headers of two responses, names case-insensitively, values in order. Headers
 * that change on every response ({@code Date}, {@code X-ChronoTrace-Id}, {@code Content-Length})
 * and those of the connection, which the server adds as it sends ({@code Connection},
 * {@code Keep-Alive}, {@code Transfer-Encoding}), are never compared, nor are the configured
 * ones.
 */
public final class HeaderDiff {

	/** Headers that always change or belong to the connection. */
	public static final List<String> ALWAYS_IGNORED = List.of("Date", "X-ChronoTrace-Id", "Content-Length",
			"Connection", "Keep-Alive", "Transfer-Encoding");

	private final Set<String> ignored = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

	/**
	 * Creates a comparison.
	 * @param ignoreHeaders further headers not to compare, such as {@code ETag}
	 */
	public HeaderDiff(Collection<String> ignoreHeaders) {
		this.ignored.addAll(ALWAYS_IGNORED);
		ignoreHeaders.forEach((name) -> this.ignored.add(name.trim()));
	}

	/**
	 * Compares two sets of headers.
	 * @param original the recorded headers
	 * @param replay the replayed headers
	 * @return one difference per header that differs, in name order
	 */
	public List<Difference> compare(Map<String, List<String>> original, Map<String, List<String>> replay) {
		Map<String, String> recorded = joined(original);
		Map<String, String> replayed = joined(replay);
		Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		names.addAll(recorded.keySet());
		names.addAll(replayed.keySet());
		List<Difference> differences = new ArrayList<>();
		for (String name : names) {
			String before = recorded.get(name);
			String after = replayed.get(name);
			if (!this.ignored.contains(name) && !same(name, before, after)) {
				differences.add(new Difference(Difference.HEADER, name, before, after));
			}
		}
		return differences;
	}

	/** Case-insensitively keyed, the values of a name joined as one line, as a client sees them. */
	private static Map<String, String> joined(Map<String, List<String>> headers) {
		Map<String, String> joined = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		headers.forEach((name, values) -> joined.merge(name, String.join(", ", values), (a, b) -> a + ", " + b));
		return joined;
	}

	private static boolean same(String name, @Nullable String before, @Nullable String after) {
		if (before == null || after == null) {
			return before == after;
		}
		if (name.equalsIgnoreCase("Content-Type")) {
			// "application/json;charset=UTF-8" and "application/json; charset=utf-8" are the same type
			return normalizeMediaType(before).equals(normalizeMediaType(after));
		}
		return before.equals(after);
	}

	private static String normalizeMediaType(String value) {
		return value.replace(" ", "").toLowerCase(Locale.ROOT);
	}

}
