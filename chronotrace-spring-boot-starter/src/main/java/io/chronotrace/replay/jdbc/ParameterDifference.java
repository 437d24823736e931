package io.chronotrace.replay.jdbc;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A bind value that differs between a recorded statement and the one a replay sent.
 *
 * @param place where: {@code parameter 2}, or {@code entry 3 parameter 2} in a batch
 * @param recorded the recorded value, {@code null} when it had none
 * @param sent the sent value, {@code null} when it has none
 */
public record ParameterDifference(String place, @Nullable String recorded, @Nullable String sent) {

	/**
	 * The bind values that differ between two statements (a scrubbed recorded value matches any).
	 * @param recorded the recorded bind values, one list per batch entry
	 * @param sent the sent bind values
	 * @return the differences, in order
	 */
	public static List<ParameterDifference> between(List<List<String>> recorded, List<List<String>> sent) {
		List<ParameterDifference> differences = new ArrayList<>();
		int entries = Math.max(recorded.size(), sent.size());
		for (int entry = 0; entry < entries; entry++) {
			List<String> before = (entry < recorded.size()) ? recorded.get(entry) : List.of();
			List<String> after = (entry < sent.size()) ? sent.get(entry) : List.of();
			for (int i = 0; i < Math.max(before.size(), after.size()); i++) {
				String one = (i < before.size()) ? before.get(i) : null;
				String other = (i < after.size()) ? after.get(i) : null;
				if (!RecordedStatements.valueMatches(one, other)) {
					differences.add(new ParameterDifference(
							((entries > 1) ? "entry " + (entry + 1) + " " : "") + "parameter " + (i + 1), one, other));
				}
			}
		}
		return differences;
	}

}
