package io.chronotrace.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

import io.chronotrace.actuate.endpoint.EndpointError;
import io.chronotrace.actuate.endpoint.PurgeDescriptor;
import io.chronotrace.actuate.endpoint.ReplayDescriptor;
import io.chronotrace.actuate.endpoint.TraceListDescriptor;
import io.chronotrace.core.trace.CacheEvent;
import io.chronotrace.core.trace.CustomEvent;
import io.chronotrace.core.trace.DatabaseEvent;
import io.chronotrace.core.trace.ExceptionEvent;
import io.chronotrace.core.trace.HttpClientEvent;
import io.chronotrace.core.trace.JobEvent;
import io.chronotrace.core.trace.LogEvent;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceEvent;
import io.chronotrace.core.trace.TraceSummary;
import io.chronotrace.replay.ReplayResult;

/**
 * What ahead-of-time processing cannot see ChronoTrace use, for a native image: the trace
 * browser's page and the JDBC backend's schema scripts, read as class path resources, and the
 * records Jackson reads and writes by reflection (the trace model with every kind of event, the
 * listings, and what the endpoint answers, which it declares as {@code Object}). Registered in
 * {@code META-INF/spring/aot.factories}, so it applies whatever the configuration.
 */
public final class ChronoTraceRuntimeHints implements RuntimeHintsRegistrar {

	/** The trace browser's page. */
	static final String PAGE = "io/chronotrace/actuate/endpoint/ui/index.html";

	/** The JDBC backend's schema scripts, one per database. */
	static final String SCHEMAS = "io/chronotrace/core/storage/jdbc/schema-*.sql";

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.resources().registerPattern(PAGE);
		hints.resources().registerPattern(SCHEMAS);
		new BindingReflectionHintsRegistrar().registerReflectionHints(hints.reflection(), Trace.class,
				TraceSummary.class, TraceEvent.class, DatabaseEvent.class, HttpClientEvent.class, CacheEvent.class,
				JobEvent.class, LogEvent.class, ExceptionEvent.class, CustomEvent.class, TraceListDescriptor.class,
				EndpointError.class, PurgeDescriptor.class, ReplayDescriptor.class, ReplayResult.class);
		// the JDBC objects of SQL capture (result sets) and of isolated replays are JDK proxies
		for (Class<?> type : List.of(java.sql.Connection.class, java.sql.Statement.class,
				java.sql.PreparedStatement.class, java.sql.CallableStatement.class, java.sql.ResultSet.class,
				java.sql.ResultSetMetaData.class, java.sql.DatabaseMetaData.class, java.sql.Savepoint.class)) {
			hints.proxies().registerJdkProxy(type);
		}
	}

}
