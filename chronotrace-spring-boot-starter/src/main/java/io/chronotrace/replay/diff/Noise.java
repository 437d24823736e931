package io.chronotrace.replay.diff;

import org.jspecify.annotations.Nullable;

/**
 * A difference a replay does not count against the build, and why: it changes between two runs
 * of the same build, it is a timestamp of an error body, or it is the order of an array declared
 * unordered.
 *
 * @param kind what differs, as {@link Difference#kind()}
 * @param path where, as {@link Difference#path()}
 * @param original the recorded value
 * @param replay the replayed value
 * @param reason why it is noise, for the person reading the replay
 */
public record Noise(String kind, @Nullable String path, @Nullable String original, @Nullable String replay,
		String reason) {

	/** It changed between two runs of the same request on the running build. */
	public static final String CHANGES_BETWEEN_RUNS = "changes between two runs of the same build";

	/** An ISO-8601 timestamp in an error or problem-detail body, such as Spring Boot's {@code timestamp}. */
	public static final String ERROR_TIMESTAMP = "a timestamp of an error body";

	/** A bind value that is a UUID or a time both when recorded and when replayed. */
	public static final String GENERATED_VALUE = "a UUID or a time the application makes on each run";

	/** An array or text declared unordered by {@code chronotrace.replay.unordered-paths}. */
	public static final String DECLARED_UNORDERED = "declared unordered (chronotrace.replay.unordered-paths)";

	static Noise of(Difference difference, String reason) {
		return new Noise(difference.kind(), difference.path(), difference.original(), difference.replay(), reason);
	}

}
