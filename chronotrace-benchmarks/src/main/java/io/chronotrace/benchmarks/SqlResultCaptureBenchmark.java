package io.chronotrace.benchmarks;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import io.chronotrace.capture.jdbc.DataSourceCapturePostProcessor;
import io.chronotrace.capture.jdbc.SqlResultSettings;
import io.chronotrace.core.recording.ActiveTrace;
import io.chronotrace.core.recording.TraceContextHolder;
import io.chronotrace.core.scrub.DefaultTraceScrubber;
import io.chronotrace.core.scrub.ScrubRules;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceCodec;
import io.chronotrace.core.trace.TraceEvent;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.trace.TraceRequest;
import io.chronotrace.core.trace.TraceResponse;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * What recording SQL results ({@code chronotrace.capture.sql-results}) costs a request, apart from
 * HTTP: the load benchmark app's two SQL requests run on H2 in memory through the capture wrapper,
 * with results recorded ({@code on}) or not ({@code off}). {@code captured} is what every request
 * pays while it is recorded (all that {@code record-on-error} does for a request that succeeds):
 * the statements captured and the trace finished; {@code stored} adds what a kept trace costs
 * before its bytes are written (scrubbing and JSON). {@code unrecorded} is a request that is not
 * recorded. See docs/benchmarks.md.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class SqlResultCaptureBenchmark {

	@Param({ "off", "on" })
	public String results;

	@Param({ "get10", "order" })
	public String request;

	private SingleConnectionDataSource connection;

	private JdbcTemplate jdbc;

	private final DefaultTraceScrubber scrubber = new DefaultTraceScrubber(ScrubRules.defaults());

	@Setup(Level.Trial)
	public void setUp() {
		JdbcDataSource h2 = new JdbcDataSource();
		h2.setURL("jdbc:h2:mem:results-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
		this.connection = new SingleConnectionDataSource(h2.getURL(), "", "", true);
		JdbcTemplate setup = new JdbcTemplate(this.connection);
		setup.execute("create table product (id bigint primary key, name varchar(100) not null, price decimal(10, 2)"
				+ " not null, stock bigint not null, added timestamp not null)");
		setup.execute("insert into product select x, 'Product ' || x, 9.90 + x, 1000000000,"
				+ " timestamp '2026-01-01 00:00:00' from system_range(1, 100)");
		SqlResultSettings settings = "on".equals(this.results) ? SqlResultSettings.defaults() : SqlResultSettings.OFF;
		DataSource captured = DataSourceCapturePostProcessor.capture("dataSource", this.connection, settings);
		this.jdbc = new JdbcTemplate(captured);
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.connection.destroy();
	}

	@Benchmark
	public Object unrecorded() {
		return run();
	}

	@Benchmark
	public List<TraceEvent> captured() {
		ActiveTrace trace = new ActiveTrace(1000);
		try (TraceContextHolder.Scope scope = TraceContextHolder.bind(trace)) {
			run();
		}
		return trace.finish();
	}

	@Benchmark
	public byte[] stored() {
		List<TraceEvent> events = captured();
		Instant now = Instant.now();
		Trace trace = new Trace(Trace.SCHEMA_VERSION, TraceId.create(now), now, 100, "bench",
				new TraceRequest("GET", "http://localhost/api/catalog", "/api/catalog", null, Map.of(), null, null),
				new TraceResponse(200, Map.of(), null, 0), null, events, 0, null, List.of());
		return TraceCodec.get().toBytes(this.scrubber.scrub(trace));
	}

	private Object run() {
		if ("get10".equals(this.request)) {
			return this.jdbc.queryForList("select id, name, price, added from product order by id limit 10");
		}
		Map<String, Object> product = this.jdbc.queryForMap("select id, name, price, stock from product where id = ?",
				7);
		int updated = this.jdbc.update("update product set stock = stock - ?, added = ? where id = ?", 1,
				Timestamp.from(Instant.now()), 7);
		return List.of(product, updated, new BigDecimal("1"));
	}

}
