package io.chronotrace.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.chronotrace.core.compress.Compression;
import io.chronotrace.core.storage.StatusFilter;
import io.chronotrace.core.storage.TraceLayout;
import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.storage.jdbc.JdbcTables;
import io.chronotrace.core.storage.jdbc.JdbcTraceSchema;
import io.chronotrace.core.storage.jdbc.JdbcTraceStorage;
import io.chronotrace.core.trace.Trace;

/**
 * The JDBC backend on PostgreSQL, measured end to end through its public API (not JMH: each
 * step runs once or a few times against a database that grows): traces stored per second in
 * batches, the newest 50 of 1,000,000 rows (plain and filtered), and the purge of a day of
 * 300,000 rows by dropping its partition versus deleting in chunks of 1000 from a table
 * without partitions.
 * <p>
 * Run against an empty database: {@code java -cp chronotrace-benchmarks/target/benchmarks.jar
 * io.chronotrace.benchmarks.JdbcStorageBenchmark 'jdbc:postgresql://127.0.0.1:5432/bench?user=postgres'}
 * [stored traces] [batch size] [writer threads] [store-only].
 */
public final class JdbcStorageBenchmark {

	private static final Instant DAY = LocalDate.now().minusDays(10).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();

	private JdbcStorageBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		String url = args[0];
		int stored = (args.length > 1) ? Integer.parseInt(args[1]) : 50_000;
		int batch = (args.length > 2) ? Integer.parseInt(args[2]) : 100;
		int threads = (args.length > 3) ? Integer.parseInt(args[3]) : 1;
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(url);
		config.setMaximumPoolSize(threads + 2);
		try (HikariDataSource dataSource = new HikariDataSource(config)) {
			JdbcTables tables = new JdbcTables("bench_traces");
			JdbcTraceSchema.create(dataSource, tables);
			JdbcTraceStorage storage = new JdbcTraceStorage(dataSource, tables, Compression.DEFAULT);
			storeRate(storage, stored, batch, threads);
			if (args.length > 4 && args[4].equals("store-only")) {
				return;
			}
			fill(dataSource, storage, 1_000_000);
			newest(storage);
			purge(dataSource, storage);
		}
	}

	private static void storeRate(JdbcTraceStorage storage, int count, int batch, int threads) throws Exception {
		storage.storeAll(batchOf(DAY.plus(9, ChronoUnit.DAYS), batch));
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		long start = System.nanoTime();
		List<Future<?>> futures = new ArrayList<>();
		int perThread = count / threads;
		for (int t = 0; t < threads; t++) {
			Instant base = DAY.plus(9, ChronoUnit.DAYS).plusSeconds(t * 3600L);
			futures.add(executor.submit(() -> {
				for (int i = 0; i < perThread; i += batch) {
					if (!storage.storeAll(batchOf(base.plusMillis(i), batch)).allStored()) {
						throw new IllegalStateException("a batch failed");
					}
				}
				return null;
			}));
		}
		for (Future<?> future : futures) {
			future.get();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf("store: %d traces in batches of %d, %d thread(s): %.1f s, %.0f traces/s%n", count, batch,
				threads, seconds, count / seconds);
		executor.shutdown();
	}

	private static List<Trace> batchOf(Instant start, int size) {
		List<Trace> traces = new ArrayList<>(size);
		for (int i = 0; i < size; i++) {
			traces.add(TraceWriteBenchmark.trace(start.plusNanos(i * 1000L)));
		}
		return traces;
	}

	/**
	 * Copies one stored row into the partitions of days 0 to 3 until the table holds
	 * {@code total} rows, 300,000 of them on day 0, with varied statuses and paths.
	 */
	private static void fill(HikariDataSource dataSource, JdbcTraceStorage storage, int total) throws SQLException {
		long start = System.nanoTime();
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			long existing = count(connection, "bench_traces");
			long missing = total - existing;
			long perOtherDay = (missing - 300_000) / 2;
			insertDay(statement, storage, 0, 300_000);
			insertDay(statement, storage, 1, perOtherDay);
			insertDay(statement, storage, 2, missing - 300_000 - perOtherDay);
			statement.execute("ANALYZE bench_traces");
			System.out.printf("fill: %d rows now (%.1f s)%n", count(connection, "bench_traces"),
					(System.nanoTime() - start) / 1e9);
		}
	}

	private static void insertDay(Statement statement, JdbcTraceStorage storage, int day, long rows)
			throws SQLException {
		Instant from = DAY.plus(day, ChronoUnit.DAYS);
		storage.storeAll(List.of(TraceWriteBenchmark.trace(from)));
		long stepMicros = 86_400_000_000L / rows;
		statement.execute("INSERT INTO bench_traces SELECT gen_random_uuid(), TIMESTAMPTZ '" + from
				+ "' + (CAST(g AS BIGINT) * " + stepMicros + ") * INTERVAL '1 microsecond', 0, duration_micros + g % 900000, application,"
				+ " CASE WHEN g % 5 = 0 THEN 'POST' ELSE method END,"
				+ " CASE WHEN g % 7 = 0 THEN '/api/orders/' || g ELSE path END,"
				+ " CASE WHEN g % 50 = 0 THEN 503 WHEN g % 11 = 0 THEN 404 ELSE status END,"
				+ " has_exception, exception_type, event_count, stored_bytes, trace"
				+ " FROM bench_traces t, generate_series(1, " + rows + ") g"
				+ " WHERE t.start_time = TIMESTAMPTZ '" + from + "'");
	}

	private static void newest(JdbcTraceStorage storage) {
		time("newest 50 of 1,000,000", () -> storage.list(TraceQuery.newest()));
		time("newest 50 with status 5xx", () -> storage.list(TraceQuery.builder().status(StatusFilter.series(5)).build()));
		time("newest 50 with path /api/orders/", () -> storage.list(TraceQuery.builder().pathPrefix("/api/orders/").build()));
		time("newest 50 POST over 800 ms", () -> storage
			.list(TraceQuery.builder().method("POST").minDuration(Duration.ofMillis(800)).build()));
		String cursor = storage.list(TraceQuery.builder().limit(1000).build()).nextCursor();
		time("page 21 (cursor after 1000)", () -> storage.list(TraceQuery.builder().cursor(cursor).build()));
	}

	private static void time(String what, Runnable query) {
		for (int i = 0; i < 5; i++) {
			query.run();
		}
		long[] nanos = new long[21];
		for (int i = 0; i < nanos.length; i++) {
			long start = System.nanoTime();
			query.run();
			nanos[i] = System.nanoTime() - start;
		}
		Arrays.sort(nanos);
		System.out.printf("%s: median %.2f ms, max %.2f ms%n", what, nanos[nanos.length / 2] / 1e6,
				nanos[nanos.length - 1] / 1e6);
	}

	private static void purge(HikariDataSource dataSource, JdbcTraceStorage storage) throws SQLException {
		LocalDate day0 = TraceLayout.dayOf(DAY);
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			// the same day's rows in a table without partitions, with the same indexes
			statement.execute("DROP TABLE IF EXISTS bench_plain");
			statement.execute("CREATE TABLE bench_plain (LIKE bench_traces INCLUDING DEFAULTS)");
			statement.execute("ALTER TABLE bench_plain ADD PRIMARY KEY (id)");
			statement.execute("INSERT INTO bench_plain SELECT * FROM bench_traces WHERE start_time < TIMESTAMPTZ '"
					+ TraceLayout.startOf(day0.plusDays(2)) + "'");
			statement.execute("CREATE INDEX ON bench_plain (start_time DESC, start_nanos DESC, id DESC)");
			statement.execute("CREATE INDEX ON bench_plain (status, start_time DESC)");
			statement.execute("CREATE INDEX ON bench_plain (path text_pattern_ops)");
			statement.execute("VACUUM ANALYZE bench_plain");
		}
		long start = System.nanoTime();
		long dropped = storage.purgeOlderThan(TraceLayout.startOf(day0.plusDays(1))).traces();
		System.out.printf("purge by partition drop: %d traces in %.1f ms%n", dropped, (System.nanoTime() - start) / 1e6);

		start = System.nanoTime();
		int deleted = 0;
		long longest = 0;
		try (Connection connection = dataSource.getConnection()) {
			while (true) {
				long chunkStart = System.nanoTime();
				List<String> ids = new ArrayList<>(1000);
				try (PreparedStatement select = connection.prepareStatement(
						"SELECT id::text FROM bench_plain WHERE start_time < ? ORDER BY start_time LIMIT 1000")) {
					select.setObject(1, java.time.OffsetDateTime.ofInstant(TraceLayout.startOf(day0.plusDays(1)),
							java.time.ZoneOffset.UTC));
					try (ResultSet rows = select.executeQuery()) {
						while (rows.next()) {
							ids.add(rows.getString(1));
						}
					}
				}
				if (ids.isEmpty()) {
					break;
				}
				connection.setAutoCommit(false);
				try (PreparedStatement delete = connection.prepareStatement(
						"DELETE FROM bench_plain WHERE id = ANY (CAST(? AS uuid[]))")) {
					delete.setArray(1, connection.createArrayOf("text", ids.toArray()));
					deleted += delete.executeUpdate();
				}
				connection.commit();
				connection.setAutoCommit(true);
				longest = Math.max(longest, System.nanoTime() - chunkStart);
			}
		}
		System.out.printf("purge by chunked delete (1000 per transaction, no partitions): %d traces in %.1f ms, "
				+ "longest transaction %.1f ms%n", deleted, (System.nanoTime() - start) / 1e6, longest / 1e6);
	}

	private static long count(Connection connection, String table) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet row = statement.executeQuery("SELECT count(*) FROM " + table)) {
			row.next();
			return row.getLong(1);
		}
	}

}
