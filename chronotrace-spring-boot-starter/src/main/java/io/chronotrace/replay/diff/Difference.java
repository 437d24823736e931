package io.chronotrace.replay.diff;

import org.jspecify.annotations.Nullable;

/**
 * One way in which a replayed response differs from the recorded one.
 *
 * @param kind what differs: {@link #STATUS}, {@link #HEADER}, {@link #BODY}, {@link #ORDER}
 * when a JSON array or the lines of a text hold the same elements in another order, or in an
 * isolated replay {@link #SQL} and {@link #CALL} for what the application sent
 * @param path where: a JSON path such as {@code $.items[0].price} or {@code line 3} for
 * bodies, the header name for headers, {@code null} for the status, {@code statement 3} (or
 * {@code statement 3 parameter 2}) for SQL, {@code call 1} for outbound calls
 * @param original the recorded value, {@code null} when it had none
 * @param replay the replayed value, {@code null} when it has none
 */
public record Difference(String kind, @Nullable String path, @Nullable String original, @Nullable String replay) {

	/** The status differs. */
	public static final String STATUS = "status";

	/** A header differs. */
	public static final String HEADER = "header";

	/** The body differs. */
	public static final String BODY = "body";

	/** The same elements of an array (or lines of a text) come in another order. */
	public static final String ORDER = "order";

	/** A SQL statement of an isolated replay is not as recorded. */
	public static final String SQL = "sql";

	/** An outbound call of an isolated replay is not as recorded. */
	public static final String CALL = "call";

}
