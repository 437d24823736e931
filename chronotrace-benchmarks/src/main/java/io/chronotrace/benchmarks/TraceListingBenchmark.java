package io.chronotrace.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.chronotrace.core.compress.Compression;
import io.chronotrace.core.storage.StatusFilter;
import io.chronotrace.core.storage.TracePage;
import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.storage.local.LocalFileSystemTraceStorage;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceBody;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.trace.TraceRequest;
import io.chronotrace.core.trace.TraceResponse;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one page of the {@code chronotrace} endpoint's listing costs with many traces stored in
 * the local folder layout: the endpoint reads exactly this ({@code TraceStorage.list}) and maps
 * the summaries. The traces are generated once through the storage into
 * {@code -p directory=...} (default: a folder under the temporary directory, reused by later
 * runs with the same count) and spread evenly over {@code days} days ending now: 1% answered
 * 500, 10% POST /api/orders, the rest GET /api/products/{n}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class TraceListingBenchmark {

	@Param("100000")
	public int traces;

	@Param("10")
	public int days;

	@Param("")
	public String directory;

	private LocalFileSystemTraceStorage storage;

	private String secondPage;

	private Instant middleDay;

	@Setup(Level.Trial)
	public void store() throws IOException {
		Path root = this.directory.isEmpty()
				? Path.of(System.getProperty("java.io.tmpdir"), "chronotrace-listing-" + this.traces + "-" + this.days)
				: Path.of(this.directory);
		this.storage = new LocalFileSystemTraceStorage(root, Compression.DEFAULT);
		Path marker = root.resolve(".generated");
		Instant end = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1)).minusSeconds(1);
		if (!Files.exists(marker)) {
			generate(end);
			Files.writeString(marker, end.toString());
		}
		end = Instant.parse(Files.readString(marker).trim());
		this.middleDay = end.minus(Duration.ofDays(this.days / 2)).truncatedTo(ChronoUnit.DAYS);
		this.secondPage = this.storage.list(TraceQuery.builder().limit(50).build()).nextCursor();
		TracePage check = this.storage.list(TraceQuery.builder().limit(50).build());
		if (check.items().size() != 50) {
			throw new IllegalStateException("Expected a full page in " + root + ", got " + check.items().size());
		}
	}

	private void generate(Instant end) {
		long span = Duration.ofDays(this.days).toMillis();
		List<Trace> batch = new ArrayList<>(1000);
		long started = System.nanoTime();
		for (int i = 0; i < this.traces; i++) {
			Instant start = end.minusMillis(span * i / this.traces);
			batch.add(trace(start, i));
			if (batch.size() == 1000 || i == this.traces - 1) {
				this.storage.storeAll(batch);
				batch.clear();
			}
		}
		System.out.printf("Stored %d traces in %d s%n", this.traces, (System.nanoTime() - started) / 1_000_000_000L);
	}

	private static Trace trace(Instant start, int i) {
		boolean order = i % 10 == 0;
		int status = (i % 100 == 7) ? 500 : 200;
		Map<String, List<String>> headers = new LinkedHashMap<>();
		headers.put("Accept", List.of("application/json"));
		String path = order ? "/api/orders" : "/api/products/" + (i % 500);
		TraceRequest request = new TraceRequest(order ? "POST" : "GET", "http://localhost:8080" + path, path, null,
				headers, null, "127.0.0.1");
		String body = "{\"id\":" + i + ",\"name\":\"Espresso beans 1kg\",\"price\":24.90}";
		TraceResponse response = new TraceResponse(status, Map.of("Content-Type", List.of("application/json")),
				TraceBody.text("application/json", body, "UTF-8", body.length(), body.length()), body.length());
		return new Trace(Trace.SCHEMA_VERSION, TraceId.create(start), start, 1_000 + (i % 5_000), "shop", request,
				response, null, List.of(), 0, null, List.of());
	}

	/** The first page, as the listing opens. */
	@Benchmark
	public TracePage newestPage() {
		return this.storage.list(TraceQuery.builder().limit(50).build());
	}

	/** The next page, from a cursor. */
	@Benchmark
	public TracePage secondPage() {
		return this.storage.list(TraceQuery.builder().limit(50).cursor(this.secondPage).build());
	}

	/** Server errors: 1% of the traces match, so a page reads about 5,000 summaries. */
	@Benchmark
	public TracePage serverErrorsPage() {
		return this.storage.list(TraceQuery.builder().limit(50).status(StatusFilter.series(5)).build());
	}

	/** One path: 10% of the traces match. */
	@Benchmark
	public TracePage pathPage() {
		return this.storage.list(TraceQuery.builder().limit(50).pathPrefix("/api/orders").build());
	}

	/** A day in the middle of the stored ones ({@code from} and {@code to}). */
	@Benchmark
	public TracePage oneDayPage() {
		return this.storage.list(TraceQuery.builder()
			.limit(50)
			.from(this.middleDay)
			.to(this.middleDay.plus(Duration.ofDays(1)))
			.build());
	}

}
