package io.chronotrace.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.chronotrace.core.trace.DatabaseEvent;
import io.chronotrace.core.trace.LogEvent;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceBody;
import io.chronotrace.core.trace.TraceCodec;
import io.chronotrace.core.trace.TraceEvent;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.trace.TraceRequest;
import io.chronotrace.core.trace.TraceResponse;
import io.chronotrace.core.trace.TraceSummary;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serializing a trace and its summary: {@link TraceCodec}'s streaming writer against the databind
 * mapper it replaced (configured as the codec configures it), in the same run, for the HTTP load
 * benchmark's GET, for a POST that echoes its JSON body (the load test's 1 KB ASCII order, or
 * 1.8 KB of orders with accented names), and for the GET with the ten SQL
 * statements and a log record that a page of a real application might run. {@code bytes} gives a new array
 * (the folder layout, S3, Redis); {@code buffer} writes into a reused buffer (the segment layout);
 * {@code read} reads the trace back. {@code bodies} says how JSON bodies are kept: {@code string},
 * escaped, as format version 2 writes them (a trace of version 2), or {@code json}, as JSON values,
 * as version 3 does; the set-up prints the stored size of each, plain and gzip-compressed.
 * See docs/benchmarks.md.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class TraceSerializeBenchmark {

	@Param({ "get", "post", "post-ascii", "get-sql" })
	public String request;

	@Param({ "json", "string" })
	public String bodies;

	private final TraceCodec codec = TraceCodec.get();

	private final JsonMapper databind = JsonMapper.builder()
		.changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
		.build();

	private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(16 * 1024);

	private Trace trace;

	private TraceSummary summary;

	private byte[] stored;

	@Setup
	public void setUp() {
		Instant start = Instant.now();
		this.trace = switch (this.request) {
			case "post" -> post(start, new String(SampleBodies.ordersJson(1024), StandardCharsets.UTF_8));
			case "post-ascii" -> post(start, SampleBodies.loadTestOrder());
			case "get-sql" -> withStatements(TraceWriteBenchmark.trace(start));
			default -> TraceWriteBenchmark.trace(start);
		};
		if (this.bodies.equals("string")) {
			this.trace = new Trace(2, this.trace.id(), this.trace.startTime(), this.trace.durationMicros(),
					this.trace.application(), this.trace.request(), this.trace.response(), this.trace.exception(),
					this.trace.events(), this.trace.droppedEvents(), this.trace.tracing(), this.trace.attachments());
		}
		this.summary = this.trace.summary();
		// databind writes every body as a string, as the codec does for other tools
		if (!Arrays.equals(this.codec.toBytesWithBodiesAsText(this.trace), this.databind.writeValueAsBytes(this.trace))
				|| !Arrays.equals(this.codec.toBytes(this.summary), this.databind.writeValueAsBytes(this.summary))) {
			throw new IllegalStateException("The streaming writer and databind disagree");
		}
		this.stored = this.codec.toBytes(this.trace);
		if (!this.codec.readTrace(this.stored).equals(this.trace)) {
			throw new IllegalStateException("The trace does not read back as written");
		}
		System.out.printf("%nstored size (%s, %s bodies): %d bytes plain, %d bytes gzip%n", this.request, this.bodies,
				this.stored.length, gzipped(this.stored));
	}

	private static int gzipped(byte[] bytes) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
			gzip.write(bytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.size();
	}

	/** Databind, a new array for the trace and one for its summary. */
	@Benchmark
	public int databindBytes() {
		return this.databind.writeValueAsBytes(this.trace).length
				+ this.databind.writeValueAsBytes(this.summary).length;
	}

	/** The codec's streaming writer, a new array for the trace and one for its summary. */
	@Benchmark
	public int streamingBytes() {
		return this.codec.toBytes(this.trace).length + this.codec.toBytes(this.summary).length;
	}

	/** Databind, the trace into a reused buffer. */
	@Benchmark
	public int databindBuffer() {
		this.buffer.reset();
		this.databind.writeValue(this.buffer, this.trace);
		return this.buffer.size();
	}

	/** The codec's streaming writer, the trace into a reused buffer. */
	@Benchmark
	public int streamingBuffer() throws IOException {
		this.buffer.reset();
		this.codec.write(this.trace, this.buffer);
		return this.buffer.size();
	}

	/** Reading the stored trace back. */
	@Benchmark
	public Trace read() {
		return this.codec.readTrace(this.stored);
	}

	/** The GET with ten JDBC statements and a log record. */
	static Trace withStatements(Trace trace) {
		List<TraceEvent> events = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			events.add(new DatabaseEvent(100 + i * 30L, 25, TraceEvent.OK, "dataSource",
					"select p.id, p.name, p.price from product p where p.category_id = ? and p.active = ?",
					List.of(List.of(Integer.toString(i), "true")), 0, 12L, null, (i < 3) ? 3 : null));
		}
		events.add(new LogEvent(380, 0, TraceEvent.OK, "INFO", "com.example.shop.ProductController",
				"Listed 120 products for category 9", "http-nio-18082-exec-4", Map.of("user", "alice"), null));
		return trace.withEvents(events, 0);
	}

	/** What a POST to the load benchmark's echo endpoint records: the body in, the same echoed out. */
	static Trace post(Instant start, String body) {
		int size = body.getBytes(StandardCharsets.UTF_8).length;
		Map<String, List<String>> requestHeaders = new LinkedHashMap<>();
		requestHeaders.put("Host", List.of("127.0.0.1:18082"));
		requestHeaders.put("User-Agent", List.of("wrk"));
		requestHeaders.put("Content-Type", List.of("application/json"));
		requestHeaders.put("Content-Length", List.of(Integer.toString(size)));
		Map<String, List<String>> responseHeaders = new LinkedHashMap<>();
		responseHeaders.put("Content-Type", List.of("application/json"));
		responseHeaders.put("X-ChronoTrace-Id", List.of("01a2007e-6b3c-7d2e-9f01-23456789abcd"));
		responseHeaders.put("Transfer-Encoding", List.of("chunked"));
		responseHeaders.put("Date", List.of("Sat, 21 Nov 2026 23:00:00 GMT"));
		return new Trace(Trace.SCHEMA_VERSION, TraceId.create(start), start, 655, "chronotrace-benchmark",
				new TraceRequest("POST", "http://127.0.0.1:18082/api/echo", "/api/echo", null, requestHeaders,
						TraceBody.text("application/json", body, "UTF-8", size, size), "127.0.0.1"),
				new TraceResponse(200, responseHeaders, TraceBody.text("application/json", body, "UTF-8", size, size),
						size),
				null, List.of(), 0, null, List.of());
	}

}
