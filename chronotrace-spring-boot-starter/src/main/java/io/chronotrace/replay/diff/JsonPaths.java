package io.chronotrace.replay.diff;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * JSON paths as {@link JsonDiff} writes and ignores them: {@code $}, then {@code .name} or
 * {@code ['odd name']} per object member and {@code [3]} per array element. Patterns to ignore
 * may use {@code *} for any member or element ({@code $.items[*].price}, {@code $.*.id}) and
 * {@code ..} for any depth ({@code $..timestamp}); a pattern that matches a path also ignores
 * everything under it.
 */
final class JsonPaths {

	/** A segment of a path: a member name or an element index; {@code *} and {@code ..} in patterns. */
	record Segment(String value, boolean index) {

		static final Segment ANY = new Segment("*", false);

		static final Segment DEEP = new Segment("..", false);

		boolean matches(Segment segment) {
			return this.equals(ANY) || this.equals(segment);
		}

	}

	private final List<List<Segment>> patterns;

	JsonPaths(Collection<String> patterns) {
		List<List<Segment>> parsed = new ArrayList<>();
		for (String pattern : patterns) {
			String trimmed = pattern.trim();
			if (!trimmed.isEmpty()) {
				parsed.add(parse(trimmed));
			}
		}
		this.patterns = List.copyOf(parsed);
	}

	boolean ignores(List<Segment> path) {
		for (List<Segment> pattern : this.patterns) {
			if (matchesPrefix(pattern, 0, path, 0)) {
				return true;
			}
		}
		return false;
	}

	/** Whether the pattern, from {@code p}, matches the path from {@code s} on, or a prefix of it. */
	private static boolean matchesPrefix(List<Segment> pattern, int p, List<Segment> path, int s) {
		if (p == pattern.size()) {
			return true;
		}
		Segment segment = pattern.get(p);
		if (segment.equals(Segment.DEEP)) {
			for (int from = s; from <= path.size(); from++) {
				if (matchesPrefix(pattern, p + 1, path, from)) {
					return true;
				}
			}
			return false;
		}
		return s < path.size() && segment.matches(path.get(s)) && matchesPrefix(pattern, p + 1, path, s + 1);
	}

	static String format(List<Segment> path) {
		StringBuilder text = new StringBuilder("$");
		for (Segment segment : path) {
			if (segment.index()) {
				text.append('[').append(segment.value()).append(']');
			}
			else if (isIdentifier(segment.value())) {
				text.append('.').append(segment.value());
			}
			else {
				text.append("['").append(segment.value().replace("\\", "\\\\").replace("'", "\\'")).append("']");
			}
		}
		return text.toString();
	}

	private static boolean isIdentifier(String name) {
		if (name.isEmpty() || !(Character.isLetter(name.charAt(0)) || name.charAt(0) == '_')) {
			return false;
		}
		for (int i = 1; i < name.length(); i++) {
			char c = name.charAt(i);
			if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-')) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Parses a pattern such as {@code $.items[*].price}, {@code $['a b']} or {@code $..id}; the
	 * leading {@code $} may be left out.
	 */
	static List<Segment> parse(String pattern) {
		List<Segment> segments = new ArrayList<>();
		int i = pattern.startsWith("$") ? 1 : 0;
		if (i == 0 && !pattern.startsWith(".") && !pattern.startsWith("[")) {
			pattern = "." + pattern;
		}
		while (i < pattern.length()) {
			char c = pattern.charAt(i);
			if (c == '.' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '.') {
				segments.add(Segment.DEEP);
				i += 2;
				if (i < pattern.length() && pattern.charAt(i) != '[') {
					i = name(pattern, i, segments);
				}
			}
			else if (c == '.') {
				i = name(pattern, i + 1, segments);
			}
			else if (c == '[') {
				int end = pattern.indexOf(']', i);
				if (end < 0) {
					throw new IllegalArgumentException("Unclosed '[' in JSON path '" + pattern + "'");
				}
				String inside = pattern.substring(i + 1, end).trim();
				if (inside.equals("*")) {
					segments.add(Segment.ANY);
				}
				else if (inside.length() >= 2 && (inside.startsWith("'") || inside.startsWith("\""))) {
					segments.add(new Segment(inside.substring(1, inside.length() - 1), false));
				}
				else {
					segments.add(new Segment(inside, true));
				}
				i = end + 1;
			}
			else {
				throw new IllegalArgumentException("Unexpected '" + c + "' in JSON path '" + pattern + "'");
			}
		}
		return segments;
	}

	private static int name(String pattern, int from, List<Segment> segments) {
		int end = from;
		while (end < pattern.length() && pattern.charAt(end) != '.' && pattern.charAt(end) != '[') {
			end++;
		}
		String name = pattern.substring(from, end);
		segments.add(name.equals("*") ? Segment.ANY : new Segment(name, false));
		return end;
	}

}
