package io.chronotrace.replay.jdbc;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A statement of an isolated replay, as the replay's answer reports it: what the application
 * sent and how the recording answered it, or a statement of the recording the replay did not
 * make.
 *
 * @param number its place among the statements the replay sent, from 1; for one not made, its
 * place among the recorded statements
 * @param outcome {@link #ANSWERED}, {@link #OTHER_PARAMETERS}, {@link #NOT_RECORDED} or
 * {@link #NOT_MADE}
 * @param dataSource the data source bean it was sent to
 * @param sql the SQL sent (for one not made: the recorded SQL)
 * @param parameters the bind values sent, one list per batch entry
 * @param recordedSql the recorded statement that answered it, or for one not recorded the
 * nearest recorded statement; {@code null} when the recording holds none
 * @param recordedParameters the bind values of that recorded statement
 * @param diff for a near miss, the recorded SQL against the sent SQL, word by word
 * ({@code [-recorded-]{+sent+}}); for other parameters, which ones differ
 */
public record ReplayedStatement(int number, String outcome, @Nullable String dataSource, String sql,
		List<List<String>> parameters, @Nullable String recordedSql, @Nullable List<List<String>> recordedParameters,
		@Nullable String diff) {

	/** Answered by a recorded statement of the same SQL and bind values. */
	public static final String ANSWERED = "answered from recording";

	/**
	 * Answered by the next recorded statement of the same SQL, whose bind values differ (a new id,
	 * the time): the differences are reported, those that change between two runs as noise.
	 */
	public static final String OTHER_PARAMETERS = "answered from recording, other bind values";

	/** The recording holds no such statement: it failed, and the nearest recorded one is named. */
	public static final String NOT_RECORDED = "not recorded";

	/** Recorded, but the replay did not make it. */
	public static final String NOT_MADE = "recorded, not made";

	/**
	 * Whether the recording answered it.
	 * @return whether it was answered
	 */
	public boolean answered() {
		return ANSWERED.equals(this.outcome) || OTHER_PARAMETERS.equals(this.outcome);
	}

}
