package io.chronotrace.replay.diff;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Compares two texts line by line (a longest-common-subsequence diff), reporting each run of
 * changed lines once, by the number of its first line in the recorded text
 * ({@code line 3}), with the recorded and the replayed lines of the run. Texts that hold the same
 * lines in another order are reported once, as an {@link Difference#ORDER} difference at
 * {@code lines}, with the lines that moved. Texts too long for a
 * line-by-line alignment ({@value #MAX_CELLS} line pairs) are compared line against line of the
 * same number.
 */
public final class TextDiff {

	/** The most line pairs aligned; beyond, lines are compared by position. */
	static final long MAX_CELLS = 4_000_000;

	/**
	 * Compares two texts.
	 * @param original the recorded text
	 * @param replay the replayed text
	 * @return the differences; empty when the texts have the same lines
	 */
	public List<Difference> compare(String original, String replay) {
		List<String> before = original.lines().toList();
		List<String> after = replay.lines().toList();
		List<Difference> differences = ((long) before.size() * after.size() > MAX_CELLS) ? byPosition(before, after)
				: aligned(before, after);
		if (!differences.isEmpty() && sorted(before).equals(sorted(after))) {
			List<String> moved = new ArrayList<>();
			List<String> movedTo = new ArrayList<>();
			for (Difference difference : differences) {
				if (difference.original() != null) {
					moved.add(difference.original());
				}
				if (difference.replay() != null) {
					movedTo.add(difference.replay());
				}
			}
			return List.of(new Difference(Difference.ORDER, "lines", lines(moved), lines(movedTo)));
		}
		return differences;
	}

	private static List<String> sorted(List<String> lines) {
		List<String> sorted = new ArrayList<>(lines);
		Collections.sort(sorted);
		return sorted;
	}

	private static List<Difference> aligned(List<String> before, List<String> after) {
		int n = before.size();
		int m = after.size();
		// common[i][j]: length of the longest common subsequence of before[i..] and after[j..]
		int[][] common = new int[n + 1][m + 1];
		for (int i = n - 1; i >= 0; i--) {
			for (int j = m - 1; j >= 0; j--) {
				common[i][j] = before.get(i).equals(after.get(j)) ? common[i + 1][j + 1] + 1
						: Math.max(common[i + 1][j], common[i][j + 1]);
			}
		}
		List<Difference> differences = new ArrayList<>();
		int i = 0;
		int j = 0;
		while (i < n || j < m) {
			if (i < n && j < m && before.get(i).equals(after.get(j))) {
				i++;
				j++;
				continue;
			}
			int runStart = i;
			List<String> removed = new ArrayList<>();
			List<String> added = new ArrayList<>();
			while ((i < n || j < m) && !(i < n && j < m && before.get(i).equals(after.get(j)))) {
				if (j >= m || (i < n && common[i + 1][j] >= common[i][j + 1])) {
					removed.add(before.get(i++));
				}
				else {
					added.add(after.get(j++));
				}
			}
			differences.add(run(runStart, removed, added));
		}
		return differences;
	}

	private static List<Difference> byPosition(List<String> before, List<String> after) {
		List<Difference> differences = new ArrayList<>();
		for (int i = 0; i < Math.max(before.size(), after.size()); i++) {
			String line = (i < before.size()) ? before.get(i) : null;
			String other = (i < after.size()) ? after.get(i) : null;
			if (line == null || !line.equals(other)) {
				differences.add(new Difference(Difference.BODY, "line " + (i + 1), line, other));
			}
		}
		return differences;
	}

	private static Difference run(int start, List<String> removed, List<String> added) {
		return new Difference(Difference.BODY, "line " + (start + 1), lines(removed), lines(added));
	}

	private static @Nullable String lines(List<String> lines) {
		return lines.isEmpty() ? null : String.join("\n", lines);
	}

}
