package io.chronotrace.replay.diff;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import io.chronotrace.replay.diff.JsonPaths.Segment;

/**
 * Compares two JSON documents structurally: member order and number notation ({@code 1.0} and
 * {@code 1}) do not matter; each value that differs, is missing or was added is reported once,
 * by its JSON path ({@code $.items[0].price}). An array that holds the same elements in another
 * order is reported once, as an {@link Difference#ORDER} difference at its path. Paths matched by
 * the ignored patterns, and everything under them, are skipped.
 */
public final class JsonDiff {

	private final JsonPaths ignored;

	/**
	 * Creates a comparison.
	 * @param ignorePaths JSON paths whose values are expected to change, such as
	 * {@code $.generatedAt} or {@code $.items[*].id}
	 */
	public JsonDiff(Collection<String> ignorePaths) {
		this.ignored = new JsonPaths(ignorePaths);
	}

	/**
	 * Compares two documents.
	 * @param original the recorded document
	 * @param replay the replayed document
	 * @return the differences, in document order; empty when they are the same
	 */
	public List<Difference> compare(JsonNode original, JsonNode replay) {
		List<Difference> differences = new ArrayList<>();
		compare(original, replay, new ArrayList<>(), differences);
		return differences;
	}

	private void compare(@Nullable JsonNode original, @Nullable JsonNode replay, List<Segment> path,
			List<Difference> differences) {
		if (this.ignored.ignores(path)) {
			return;
		}
		if (original != null && replay != null && original.isObject() && replay.isObject()) {
			Set<String> names = new LinkedHashSet<>(original.propertyNames());
			names.addAll(replay.propertyNames());
			for (String name : names) {
				path.add(new Segment(name, false));
				compare(original.get(name), replay.get(name), path, differences);
				path.remove(path.size() - 1);
			}
			return;
		}
		if (original != null && replay != null && original.isArray() && replay.isArray()) {
			List<Difference> elements = new ArrayList<>();
			int size = Math.max(original.size(), replay.size());
			for (int i = 0; i < size; i++) {
				path.add(new Segment(Integer.toString(i), true));
				compare(original.get(i), replay.get(i), path, elements);
				path.remove(path.size() - 1);
			}
			if (!elements.isEmpty() && sameElements(original, replay)) {
				differences.add(new Difference(Difference.ORDER, JsonPaths.format(path), original.toString(),
						replay.toString()));
			}
			else {
				differences.addAll(elements);
			}
			return;
		}
		if (!same(original, replay)) {
			differences.add(new Difference(Difference.BODY, JsonPaths.format(path), text(original), text(replay)));
		}
	}

	/** Whether two arrays hold the same elements, as many times each, whatever their order. */
	private static boolean sameElements(JsonNode original, JsonNode replay) {
		if (original.size() != replay.size()) {
			return false;
		}
		Map<String, Integer> counts = new HashMap<>();
		original.forEach((element) -> counts.merge(canonical(element), 1, Integer::sum));
		for (JsonNode element : replay) {
			if (counts.merge(canonical(element), -1, Integer::sum) < 0) {
				return false;
			}
		}
		return true;
	}

	/** The text of a value as {@link #same} sees it: members sorted, numbers in one notation. */
	private static String canonical(JsonNode node) {
		if (node.isObject()) {
			StringBuilder text = new StringBuilder("{");
			new TreeSet<>(node.propertyNames()).forEach((name) -> text.append(JsonPaths.format(List.of(new Segment(name,
					false)))).append('=').append(canonical(node.get(name))).append(','));
			return text.append('}').toString();
		}
		if (node.isArray()) {
			StringBuilder text = new StringBuilder("[");
			node.forEach((element) -> text.append(canonical(element)).append(','));
			return text.append(']').toString();
		}
		if (node.isNumber()) {
			return node.decimalValue().stripTrailingZeros().toPlainString();
		}
		return node.toString();
	}

	private static boolean same(@Nullable JsonNode original, @Nullable JsonNode replay) {
		if (original == null || replay == null) {
			return original == replay;
		}
		if (original.isNumber() && replay.isNumber()) {
			return original.decimalValue().compareTo(replay.decimalValue()) == 0;
		}
		return original.equals(replay);
	}

	/** Strings as their text, other values as JSON, a missing value as {@code null}. */
	private static @Nullable String text(@Nullable JsonNode node) {
		if (node == null) {
			return null;
		}
		return node.isString() ? node.asString() : node.toString();
	}

}
