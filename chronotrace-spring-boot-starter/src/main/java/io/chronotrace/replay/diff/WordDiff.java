package io.chronotrace.replay.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * A textual diff of two short texts (a SQL statement, a method and URL), word by word, written as
 * {@code git diff --word-diff} writes it: what only the recorded text has in {@code [-...-]}, what
 * only the sent text has in {@code {+...+}}, the rest as it is. Also a distance between two texts,
 * to pick the nearest of several. Texts longer than {@value #MAX_TOKENS} words are compared on
 * their first {@value #MAX_TOKENS}.
 */
public final class WordDiff {

	/** The most words compared of each text. */
	static final int MAX_TOKENS = 600;

	private WordDiff() {
	}

	/**
	 * The diff of two texts.
	 * @param recorded the recorded text
	 * @param sent the text sent during the replay
	 * @return the diff; the text itself when they are equal
	 */
	public static String of(String recorded, String sent) {
		List<String> before = tokens(recorded);
		List<String> after = tokens(sent);
		int[][] common = common(before, after);
		StringBuilder diff = new StringBuilder();
		StringBuilder removed = new StringBuilder();
		StringBuilder added = new StringBuilder();
		int i = 0;
		int j = 0;
		while (i < before.size() || j < after.size()) {
			if (i < before.size() && j < after.size() && before.get(i).equals(after.get(j))) {
				flush(diff, removed, added);
				diff.append(before.get(i));
				i++;
				j++;
			}
			else if (j >= after.size() || (i < before.size() && common[i + 1][j] >= common[i][j + 1])) {
				removed.append(before.get(i++));
			}
			else {
				added.append(after.get(j++));
			}
		}
		flush(diff, removed, added);
		if (before.size() == MAX_TOKENS || after.size() == MAX_TOKENS) {
			diff.append(" [...]");
		}
		return diff.toString();
	}

	/**
	 * How far apart two texts are: the words of either that the other lacks.
	 * @param one a text
	 * @param other another text
	 * @return 0 for equal texts, more for texts further apart
	 */
	public static int distance(String one, String other) {
		List<String> before = tokens(one);
		List<String> after = tokens(other);
		int[][] common = common(before, after);
		return before.size() + after.size() - 2 * common[0][0];
	}

	private static void flush(StringBuilder diff, StringBuilder removed, StringBuilder added) {
		if (!removed.isEmpty()) {
			diff.append("[-").append(removed).append("-]");
			removed.setLength(0);
		}
		if (!added.isEmpty()) {
			diff.append("{+").append(added).append("+}");
			added.setLength(0);
		}
	}

	/** common[i][j]: the longest common subsequence of before[i..] and after[j..]. */
	private static int[][] common(List<String> before, List<String> after) {
		int n = before.size();
		int m = after.size();
		int[][] common = new int[n + 1][m + 1];
		for (int i = n - 1; i >= 0; i--) {
			for (int j = m - 1; j >= 0; j--) {
				common[i][j] = before.get(i).equals(after.get(j)) ? common[i + 1][j + 1] + 1
						: Math.max(common[i + 1][j], common[i][j + 1]);
			}
		}
		return common;
	}

	/** Words, runs of spaces and single other characters, at most {@link #MAX_TOKENS}. */
	private static List<String> tokens(String text) {
		List<String> tokens = new ArrayList<>();
		int i = 0;
		while (i < text.length() && tokens.size() < MAX_TOKENS) {
			int start = i;
			char c = text.charAt(i);
			if (Character.isLetterOrDigit(c) || c == '_') {
				while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
					i++;
				}
			}
			else if (Character.isWhitespace(c)) {
				while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
					i++;
				}
			}
			else {
				i++;
			}
			tokens.add(text.substring(start, i));
		}
		return tokens;
	}

}
