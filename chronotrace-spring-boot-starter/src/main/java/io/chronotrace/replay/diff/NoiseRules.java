package io.chronotrace.replay.diff;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Tells apart the differences of a replay that say something about the build from those that
 * are noise, with no configuration: what differs between two runs of the same request on the
 * running build, an ISO-8601 timestamp under a name such as {@code timestamp} in an error or
 * problem-detail body (Spring Boot's error JSON), the order of arrays (or lines) declared
 * unordered, and a bind value of an isolated replay's statement that is a UUID or a time both when
 * recorded and when replayed (an id or a time the application makes on each run).
 */
public final class NoiseRules {

	/** Member names that hold an error body's time. */
	private static final Pattern TIME_NAME = Pattern.compile("(?i)(.*timestamp.*|.*time|.*date|.*At|instant)");

	/** A UUID as text. */
	private static final Pattern UUID = Pattern
		.compile("(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

	private final JsonPaths unordered;

	private final boolean unorderedLines;

	/**
	 * Creates the rules.
	 * @param unorderedPaths JSON paths of arrays whose order is not compared, such as
	 * {@code $.errors}; {@code lines} for the lines of a text body
	 */
	public NoiseRules(Collection<String> unorderedPaths) {
		this.unordered = new JsonPaths(unorderedPaths.stream().filter((path) -> !path.trim().equals("lines")).toList());
		this.unorderedLines = unorderedPaths.stream().anyMatch((path) -> path.trim().equals("lines"));
	}

	/**
	 * Sorts differences into those that count and noise.
	 * @param differences the differences between the recorded and the replayed response
	 * @param betweenRuns the differences between two runs of the replay, or {@code null} when it
	 * ran once
	 * @param status the replayed status
	 * @param contentType the replayed content type, if any
	 * @return the sorted differences
	 */
	public Sorted sort(List<Difference> differences, @Nullable List<Difference> betweenRuns, int status,
			@Nullable String contentType) {
		Set<String> changing = (betweenRuns != null)
				? betweenRuns.stream().map(NoiseRules::place).collect(Collectors.toSet()) : Set.of();
		boolean errorBody = status >= 400 || (contentType != null
				&& contentType.toLowerCase(Locale.ROOT).contains("problem+json"));
		List<Difference> counted = new ArrayList<>();
		List<Noise> noise = new ArrayList<>();
		for (Difference difference : differences) {
			String reason = reason(difference, changing, errorBody);
			if (reason != null) {
				noise.add(Noise.of(difference, reason));
			}
			else {
				counted.add(difference);
			}
		}
		return new Sorted(List.copyOf(counted), List.copyOf(noise));
	}

	private @Nullable String reason(Difference difference, Set<String> changing, boolean errorBody) {
		if (difference.kind().equals(Difference.ORDER) && isDeclaredUnordered(difference)) {
			return Noise.DECLARED_UNORDERED;
		}
		if (errorBody && difference.kind().equals(Difference.BODY) && isTimestamp(difference)) {
			return Noise.ERROR_TIMESTAMP;
		}
		if (difference.kind().equals(Difference.SQL) && difference.path() != null
				&& difference.path().contains("parameter") && isGenerated(difference)) {
			return Noise.GENERATED_VALUE;
		}
		String place = place(difference);
		for (String changed : changing) {
			if (within(place, changed) || within(changed, place)) {
				return Noise.CHANGES_BETWEEN_RUNS;
			}
		}
		return null;
	}

	private boolean isDeclaredUnordered(Difference difference) {
		return "lines".equals(difference.path()) ? this.unorderedLines
				: difference.path() != null && this.unordered.ignores(JsonPaths.parse(difference.path()));
	}

	private static boolean isTimestamp(Difference difference) {
		String path = difference.path();
		if (path == null || !path.startsWith("$")) {
			return false;
		}
		List<JsonPaths.Segment> segments = JsonPaths.parse(path);
		if (segments.isEmpty() || segments.get(segments.size() - 1).index()) {
			return false;
		}
		return TIME_NAME.matcher(segments.get(segments.size() - 1).value()).matches()
				&& isDateTime(difference.original()) && isDateTime(difference.replay());
	}

	private static boolean isGenerated(Difference difference) {
		String original = difference.original();
		String replay = difference.replay();
		if (original == null || replay == null) {
			return false;
		}
		return (UUID.matcher(original).matches() && UUID.matcher(replay).matches())
				|| (isDateTime(original.replace(' ', 'T')) && isDateTime(replay.replace(' ', 'T')));
	}

	private static boolean isDateTime(@Nullable String text) {
		if (text == null || text.length() < 16 || text.length() > 64) {
			return false;
		}
		try {
			OffsetDateTime.parse(text);
			return true;
		}
		catch (DateTimeException ex) {
			// try the others
		}
		try {
			ZonedDateTime.parse(text);
			return true;
		}
		catch (DateTimeException ex) {
			// try the last
		}
		try {
			LocalDateTime.parse(text);
			return true;
		}
		catch (DateTimeException ex) {
			return false;
		}
	}

	/** Whether a place is another one or under it ({@code body $.errors[0].code} under {@code body $.errors}). */
	private static boolean within(String place, String other) {
		return place.equals(other) || (other.startsWith("body $") && place.startsWith(other)
				&& (place.charAt(other.length()) == '.' || place.charAt(other.length()) == '['));
	}

	/** Where a difference is: its kind and path; the order of an array is where its elements are. */
	private static String place(Difference difference) {
		String kind = difference.kind().equals(Difference.ORDER) ? Difference.BODY : difference.kind();
		return kind + " " + Objects.toString(difference.path(), "");
	}

	/**
	 * Differences sorted by {@link #sort}.
	 *
	 * @param differences those that count: a build that answers with them answers differently
	 * @param noise those that do not, each with its reason
	 */
	public record Sorted(List<Difference> differences, List<Noise> noise) {
	}

}
