package io.chronotrace.replay.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import io.chronotrace.core.scrub.ScrubRules;
import io.chronotrace.core.trace.DatabaseEvent;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceEvent;
import io.chronotrace.replay.diff.WordDiff;

/**
 * The statements of a recorded trace, handed out as the answers of the same statements in an
 * isolated replay, in order: a statement gets the first recorded statement not yet handed out
 * of the same data source, SQL (normalized, {@link SqlText}) and bind values (a scrubbed
 * recorded value matches any); failing that, the first of the same SQL whose bind values differ
 * (reported); failing that, nothing: the statement fails and the nearest recorded statement is
 * named, with a word diff. Keeps the log of what each sent statement got. Thread-safe: the
 * replayed request and the jobs it hands work to may run statements at once.
 */
public final class RecordedStatements {

	private final List<Recorded> statements = new ArrayList<>();

	private final List<ReplayedStatement> log = new ArrayList<>();

	private final List<String> warnings = new ArrayList<>();

	/**
	 * The recorded statements of a trace.
	 * @param trace the trace
	 */
	public RecordedStatements(Trace trace) {
		int number = 0;
		for (TraceEvent event : trace.events()) {
			if (event instanceof DatabaseEvent statement) {
				this.statements.add(new Recorded(++number, statement, SqlText.recorded(statement.sql())));
			}
		}
	}

	/**
	 * Whether every statement of a trace was recorded with what it answered, so that a replay can
	 * answer them all without the database.
	 * @param trace the trace
	 * @return {@code false} when one was recorded without its results (version 1 traces, or
	 * {@code chronotrace.capture.sql-results} off)
	 */
	public static boolean holdResults(Trace trace) {
		return trace.events().stream()
			.filter(DatabaseEvent.class::isInstance)
			.allMatch((event) -> ((DatabaseEvent) event).hasResults());
	}

	/**
	 * The data sources a trace's statements were sent to.
	 * @param trace the trace
	 * @return their bean names, {@code null} for a statement recorded without one
	 */
	public static List<@Nullable String> dataSources(Trace trace) {
		return trace.events().stream()
			.filter(DatabaseEvent.class::isInstance)
			.map((event) -> ((DatabaseEvent) event).dataSource())
			.distinct()
			.toList();
	}

	/**
	 * Answers a sent statement, and notes how.
	 * @param sent the statement
	 * @return the answer
	 */
	synchronized Answer answer(SentStatement sent) {
		int number = this.log.size() + 1;
		String normalized = SqlText.normalize(sent.sql());
		Recorded sameText = null;
		for (Recorded recorded : this.statements) {
			if (recorded.taken || !recorded.sameSource(sent.dataSource()) || !recorded.text.matches(normalized)) {
				continue;
			}
			if (recorded.event.batchSize() == sent.batchSize()
					&& parametersMatch(recorded.event.parameters(), sent.parameters())) {
				return take(recorded, number, sent, ReplayedStatement.ANSWERED, null);
			}
			sameText = (sameText != null) ? sameText : recorded;
		}
		if (sameText != null) {
			return take(sameText, number, sent, ReplayedStatement.OTHER_PARAMETERS,
					parameterDifferences(sameText.event, sent));
		}
		Recorded nearest = nearest(normalized, sent.dataSource());
		ReplayedStatement statement = new ReplayedStatement(number, ReplayedStatement.NOT_RECORDED, sent.dataSource(),
				sent.sql(), sent.parameters(), (nearest != null) ? nearest.event.sql() : null,
				(nearest != null) ? nearest.event.parameters() : null,
				(nearest != null) ? WordDiff.of(nearest.event.sql(), sent.sql()) : null);
		this.log.add(statement);
		return new Answer(statement, null);
	}

	/**
	 * Notes something the replay could not answer as recorded, such as a row past a recorded
	 * result's cut.
	 * @param warning what happened
	 */
	synchronized void warn(String warning) {
		if (!this.warnings.contains(warning)) {
			this.warnings.add(warning);
		}
	}

	/**
	 * What the replay's statements got, in the order they were sent, then the recorded statements
	 * the replay did not make.
	 * @return the statements
	 */
	public synchronized List<ReplayedStatement> statements() {
		List<ReplayedStatement> statements = new ArrayList<>(this.log);
		for (Recorded recorded : this.statements) {
			if (!recorded.taken) {
				DatabaseEvent event = recorded.event;
				statements.add(new ReplayedStatement(recorded.number, ReplayedStatement.NOT_MADE, event.dataSource(),
						event.sql(), event.parameters(), null, null, null));
			}
		}
		return statements;
	}

	/**
	 * Whether a recorded statement the replay did not make was a write: a query not made
	 * (answered by a cache this time) changes nothing, a write not made is a change of behaviour.
	 * @param statement a statement {@link ReplayedStatement#NOT_MADE}
	 * @return whether it was recorded as a write
	 */
	public synchronized boolean wasWrite(ReplayedStatement statement) {
		for (Recorded recorded : this.statements) {
			if (recorded.number == statement.number()) {
				return recorded.event.updateCounts() != null && recorded.event.result() == null;
			}
		}
		return false;
	}

	/**
	 * What the replay could not answer as recorded, beyond the statements.
	 * @return the warnings
	 */
	public synchronized List<String> warnings() {
		return List.copyOf(this.warnings);
	}

	private Answer take(Recorded recorded, int number, SentStatement sent, String outcome, @Nullable String diff) {
		recorded.taken = true;
		ReplayedStatement statement = new ReplayedStatement(number, outcome, sent.dataSource(), sent.sql(),
				sent.parameters(), recorded.event.sql(), recorded.event.parameters(), diff);
		this.log.add(statement);
		return new Answer(statement, recorded.event);
	}

	private @Nullable Recorded nearest(String normalized, @Nullable String dataSource) {
		Recorded nearest = null;
		int best = Integer.MAX_VALUE;
		List<String> seen = new ArrayList<>();
		// statements not handed out yet first: the one the application meant is usually among them
		for (boolean taken : new boolean[] { false, true }) {
			for (Recorded recorded : this.statements) {
				if (recorded.taken != taken || !recorded.sameSource(dataSource)
						|| seen.contains(recorded.text.normalized())) {
					continue;
				}
				seen.add(recorded.text.normalized());
				int distance = WordDiff.distance(recorded.text.normalized(), normalized);
				if (distance < best) {
					best = distance;
					nearest = recorded;
				}
			}
			if (nearest != null) {
				return nearest;
			}
		}
		return nearest;
	}

	private static boolean parametersMatch(List<List<String>> recorded, List<List<String>> sent) {
		if (recorded.size() != sent.size()) {
			return false;
		}
		for (int entry = 0; entry < recorded.size(); entry++) {
			List<String> values = recorded.get(entry);
			List<String> sentValues = sent.get(entry);
			if (values.size() != sentValues.size()) {
				return false;
			}
			for (int i = 0; i < values.size(); i++) {
				if (!valueMatches(values.get(i), sentValues.get(i))) {
					return false;
				}
			}
		}
		return true;
	}

	/** A recorded value matches the same text; a scrubbed part of it matches any text. */
	static boolean valueMatches(@Nullable String recorded, @Nullable String sent) {
		if (recorded == null || sent == null) {
			return recorded == sent;
		}
		if (recorded.equals(sent)) {
			return true;
		}
		if (!recorded.contains(ScrubRules.MARKER)) {
			return false;
		}
		StringBuilder regex = new StringBuilder();
		int from = 0;
		int marker;
		while ((marker = recorded.indexOf(ScrubRules.MARKER, from)) >= 0) {
			regex.append(Pattern.quote(recorded.substring(from, marker))).append(".*?");
			from = marker + ScrubRules.MARKER.length();
		}
		regex.append(Pattern.quote(recorded.substring(from)));
		return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(sent).matches();
	}

	/** Which bind values differ: {@code parameter 2: 'a' ≠ 'b'}, with the entry for batches. */
	private static String parameterDifferences(DatabaseEvent recorded, SentStatement sent) {
		List<String> differences = new ArrayList<>();
		if (recorded.batchSize() != sent.batchSize()) {
			differences.add("batch of " + recorded.batchSize() + " ≠ " + sent.batchSize());
		}
		for (ParameterDifference difference : ParameterDifference.between(recorded.parameters(), sent.parameters())) {
			differences.add(difference.place() + ": " + shown(difference.recorded()) + " ≠ " + shown(difference.sent()));
		}
		return String.join("; ", differences);
	}

	private static String shown(@Nullable String value) {
		return (value != null) ? "'" + value + "'" : "(none)";
	}

	/**
	 * What a sent statement got.
	 *
	 * @param statement how it was answered, as reported
	 * @param recorded the recorded statement that answers it; {@code null} when none does
	 */
	record Answer(ReplayedStatement statement, @Nullable DatabaseEvent recorded) {
	}

	private static final class Recorded {

		private final int number;

		private final DatabaseEvent event;

		private final SqlText text;

		private boolean taken;

		Recorded(int number, DatabaseEvent event, SqlText text) {
			this.number = number;
			this.event = event;
			this.text = text;
		}

		boolean sameSource(@Nullable String dataSource) {
			return this.event.dataSource() == null || dataSource == null
					|| this.event.dataSource().toLowerCase(Locale.ROOT).equals(dataSource.toLowerCase(Locale.ROOT));
		}

	}

}
