package io.chronotrace.replay;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.chronotrace.core.trace.DatabaseEvent;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceCodec;
import io.chronotrace.replay.diff.Difference;
import io.chronotrace.replay.diff.NoiseRules;
import io.chronotrace.replay.jdbc.RecordedStatements;
import io.chronotrace.replay.jdbc.ReplayedStatement;
import io.chronotrace.replay.jdbc.ReplayingDataSourcePostProcessor;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;

/**
 * An isolated replay of a recorded trace that a test drives, as the JUnit tests exported with
 * {@code /actuator/chronotrace/{id}/test?isolated=true} do: the test sends the recorded request
 * itself (through MockMvc) with this replay's one-time token in the {@link #header()}, and the
 * application answers that request's SQL statements and outbound HTTP calls from the recording,
 * on its thread and the threads it hands work to, as a replay from the endpoint does. Then
 * {@link #nearMisses()} tells what the recording could not answer.
 * <p>
 * The application needs ChronoTrace enabled with storage (memory storage will do) in a web
 * application, and datasource-proxy, with which its data sources answer from the recording.
 */
public final class IsolatedReplay implements AutoCloseable {

	private final ReplayRegistry registry;

	private final ReplaySession session;

	private final @Nullable String sqlNotAnswered;

	private IsolatedReplay(ReplayRegistry registry, ReplaySession session, @Nullable String sqlNotAnswered) {
		this.registry = registry;
		this.session = session;
		this.sqlNotAnswered = sqlNotAnswered;
	}

	/**
	 * Opens an isolated replay of a recorded trace in a running application.
	 * @param context the application
	 * @param recording the trace, as {@code trace.json} holds it
	 * @return the replay, waiting for its request
	 * @throws IllegalStateException when the application cannot replay (ChronoTrace off, not a
	 * web application, no storage)
	 */
	public static IsolatedReplay open(ApplicationContext context, String recording) {
		ReplayRegistry registry = context.getBeanProvider(ReplayRegistry.class).getIfAvailable();
		if (registry == null) {
			throw new IllegalStateException("This application cannot replay: ChronoTrace's replay needs"
					+ " chronotrace.enabled=true, a web application and a storage (chronotrace.storage=memory will do)");
		}
		ReplayingDataSourcePostProcessor dataSources = context.getBeanProvider(ReplayingDataSourcePostProcessor.class)
			.getIfAvailable();
		Trace trace = TraceCodec.get().readTrace(recording.getBytes(StandardCharsets.UTF_8));
		boolean answers = dataSources != null && !dataSources.dataSources().isEmpty();
		boolean sql = answers && RecordedStatements.holdResults(trace);
		boolean hasSql = trace.events().stream().anyMatch(DatabaseEvent.class::isInstance);
		String sqlNotAnswered = (!hasSql || sql) ? null : !answers
				? "SQL was not answered from the recording: the application's data sources do not answer replays"
						+ " (datasource-proxy and chronotrace.capture.database are needed)"
				: "SQL was not answered from the recording: it holds no results (chronotrace.capture.sql-results"
						+ " was off, or the trace is of format version 1)";
		ReplaySession session = registry.open(trace, true, false, sql);
		String port = context.getEnvironment().getProperty("local.server.port");
		if (port != null) {
			session.selfOrigin("http://localhost:" + port);
		}
		return new IsolatedReplay(registry, session, sqlNotAnswered);
	}

	/**
	 * The header the replayed request carries its token in.
	 * @return the header name
	 */
	public String header() {
		return ReplayHeaders.TOKEN;
	}

	/**
	 * The one-time token of this replay: the request that carries it is the replayed one.
	 * @return the token
	 */
	public String token() {
		return this.session.token();
	}

	/**
	 * How each SQL statement of the replayed request was answered, then the recorded ones it did
	 * not send.
	 * @return the statements; empty when SQL was not answered from the recording
	 */
	public List<ReplayedStatement> statements() {
		RecordedStatements statements = this.session.statements();
		return (statements != null) ? statements.statements() : List.of();
	}

	/**
	 * What the recording could not answer as recorded: statements and outbound calls it does not
	 * hold (each with the nearest recorded one), bind values that differ (but a UUID or a time the
	 * application makes on each run), recorded writes and unsafe calls not made, rows read past a
	 * recorded result's cut. A request the recording answered whole has none.
	 * @return the near misses, one line each
	 */
	public List<String> nearMisses() {
		ReplayDependencies dependencies = ReplayDependencies.of(this.session);
		List<String> misses = new ArrayList<>();
		if (this.sqlNotAnswered != null) {
			misses.add(this.sqlNotAnswered);
		}
		if (!this.session.hasArrived()) {
			misses.add("the replayed request did not carry the token in " + header());
		}
		for (Difference difference : new NoiseRules(List.of()).sort(dependencies.differences(), null, 200, null)
			.differences()) {
			misses.add(difference.kind() + " " + difference.path() + ": recorded " + difference.original()
					+ ", sent " + difference.replay());
		}
		misses.addAll(dependencies.warnings());
		return misses;
	}

	@Override
	public void close() {
		this.registry.close(this.session);
	}

}
