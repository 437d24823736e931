package io.chronotrace.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import io.chronotrace.replay.diff.Difference;
import io.chronotrace.replay.jdbc.ParameterDifference;
import io.chronotrace.replay.jdbc.RecordedStatements;
import io.chronotrace.replay.jdbc.ReplayedStatement;

/**
 * What an isolated replay's calls and statements got from the recording, as differences: a
 * statement or call the recording does not hold (with the nearest recorded one), bind values
 * that differ from those of the recorded statement that answered, and a recorded write or
 * unsafe call the replay did not make. A recorded query the replay did not make (a cache
 * answered it this time) changes nothing and is only listed.
 *
 * @param statements the statements, as the answer lists them
 * @param differences the differences they make
 * @param warnings what the recording could not answer beyond them
 */
record ReplayDependencies(List<ReplayedStatement> statements, List<Difference> differences, List<String> warnings) {

	static ReplayDependencies of(ReplaySession session) {
		if (!session.isolated()) {
			// calls and statements went where they go: nothing was answered from the recording
			return new ReplayDependencies(List.of(), List.of(), List.of());
		}
		List<Difference> differences = new ArrayList<>();
		RecordedStatements recording = session.statements();
		List<ReplayedStatement> statements = (recording != null) ? recording.statements() : List.of();
		for (ReplayedStatement statement : statements) {
			String place = "statement " + statement.number();
			switch (statement.outcome()) {
				case ReplayedStatement.NOT_RECORDED -> differences.add(new Difference(Difference.SQL, place,
						(statement.recordedSql() != null)
								? text(statement.recordedSql(), statement.recordedParameters()) : null,
						text(statement.sql(), statement.parameters())));
				case ReplayedStatement.OTHER_PARAMETERS -> {
					for (ParameterDifference parameter : ParameterDifference.between(
							(statement.recordedParameters() != null) ? statement.recordedParameters() : List.of(),
							statement.parameters())) {
						differences.add(new Difference(Difference.SQL, place + " " + parameter.place(),
								parameter.recorded(), parameter.sent()));
					}
				}
				case ReplayedStatement.NOT_MADE -> {
					if (recording.wasWrite(statement)) {
						differences.add(new Difference(Difference.SQL, "recorded " + place,
								text(statement.sql(), statement.parameters()), null));
					}
				}
				default -> {
				}
			}
		}
		int number = 0;
		for (ReplayCall call : session.unmatched()) {
			differences.add(new Difference(Difference.CALL, "call " + (++number), call.nearest(),
					call.method() + " " + call.url()));
		}
		for (ReplayCall call : session.notMade()) {
			if (!ReplaySettings.SAFE_METHODS.contains(call.method().toUpperCase(Locale.ROOT))) {
				differences.add(new Difference(Difference.CALL, "recorded call " + call.method() + " " + call.url(),
						call.method() + " " + call.url(), null));
			}
		}
		return new ReplayDependencies(statements, differences,
				(recording != null) ? recording.warnings() : List.of());
	}

	/**
	 * The bind values that differ between this run and another run of the same replay: values
	 * that change by themselves (a new id, the time), which are noise.
	 * @param other the other run
	 * @return the differences, placed as {@link #differences()} places them
	 */
	List<Difference> betweenRuns(ReplayDependencies other) {
		List<Difference> differences = new ArrayList<>();
		for (ReplayedStatement statement : this.statements) {
			if (statement.outcome().equals(ReplayedStatement.NOT_MADE)) {
				continue;
			}
			for (ReplayedStatement again : other.statements) {
				if (again.number() == statement.number() && !again.outcome().equals(ReplayedStatement.NOT_MADE)
						&& again.sql().equals(statement.sql())) {
					for (ParameterDifference parameter : ParameterDifference.between(statement.parameters(),
							again.parameters())) {
						differences.add(new Difference(Difference.SQL,
								"statement " + statement.number() + " " + parameter.place(), parameter.recorded(),
								parameter.sent()));
					}
				}
			}
		}
		return differences;
	}

	private static String text(String sql, @Nullable List<List<String>> parameters) {
		return (parameters == null || parameters.isEmpty()) ? sql : sql + " " + parameters;
	}

}
