package io.chronotrace.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.chronotrace.core.compress.Compression;
import io.chronotrace.core.storage.local.LocalFileSystemTraceStorage;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceBody;
import io.chronotrace.core.trace.TraceCodec;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Where the time of storing one trace on local disk goes: serializing it and its summary,
 * gzip, the file system work the seed's layout asks for (a directory and two files, made
 * visible with one rename), and the whole {@link LocalFileSystemTraceStorage#store}. The trace
 * is what the HTTP load benchmark's GET records. See docs/benchmarks.md.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class TraceWriteBenchmark {

	private final Compression compression = Compression.DEFAULT;

	private Path directory;

	private LocalFileSystemTraceStorage storage;

	private Trace trace;

	private byte[] json;

	private byte[] gzip;

	private byte[] summary;

	private long sequence;

	@Setup(Level.Iteration)
	public void setUp() throws IOException {
		// -Dchronotrace.benchmark.dir=... puts the files on the file system under test
		String parent = System.getProperty("chronotrace.benchmark.dir");
		this.directory = (parent != null) ? Files.createTempDirectory(Path.of(parent), "chronotrace-write-benchmark")
				: Files.createTempDirectory("chronotrace-write-benchmark");
		this.storage = new LocalFileSystemTraceStorage(this.directory.resolve("traces"), this.compression);
		this.trace = trace(Instant.now());
		this.json = TraceCodec.get().toBytes(this.trace);
		this.gzip = this.compression.compress(this.json);
		this.summary = TraceCodec.get().toBytes(this.trace.summary());
		Files.createDirectories(this.directory.resolve("raw").resolve("2026-11-21"));
	}

	@TearDown(Level.Iteration)
	public void tearDown() throws IOException {
		try (Stream<Path> files = Files.walk(this.directory)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> {
				try {
					Files.delete(file);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
	}

	/** The trace and its summary as JSON. */
	@Benchmark
	public int serialize() {
		return TraceCodec.get().toBytes(this.trace).length + TraceCodec.get().toBytes(this.trace.summary()).length;
	}

	/** Gzip of the trace's JSON at the default level, 6. */
	@Benchmark
	public byte[] compress() {
		return this.compression.compress(this.json);
	}

	/**
	 * The file system alone, with the bytes ready: a work directory, two files written with one
	 * call each, and one rename into the day folder, as the local storage does.
	 */
	@Benchmark
	public Path fileSystem() throws IOException {
		long n = this.sequence++;
		Path work = this.directory.resolve(".tmp-" + n);
		Files.createDirectory(work);
		Files.write(work.resolve("trace.json.gz"), this.gzip, StandardOpenOption.CREATE_NEW);
		Files.write(work.resolve("metadata.json"), this.summary, StandardOpenOption.CREATE_NEW);
		return Files.move(work, this.directory.resolve("raw").resolve("2026-11-21").resolve("t-" + n),
				StandardCopyOption.ATOMIC_MOVE);
	}

	/** Everything: {@link LocalFileSystemTraceStorage#store} of a new trace. */
	@Benchmark
	public long store() {
		return this.storage.store(trace(Instant.now()));
	}

	static Trace trace(Instant start) {
		Map<String, List<String>> requestHeaders = Map.of("Host", List.of("127.0.0.1:18082"), "User-Agent",
				List.of("wrk"), "Accept", List.of("*/*"));
		Map<String, List<String>> responseHeaders = Map.of("Content-Type", List.of("application/json"),
				"X-ChronoTrace-Id", List.of("01a2007e-6b3c-7d2e-9f01-23456789abcd"), "Transfer-Encoding",
				List.of("chunked"), "Date", List.of("Sat, 21 Nov 2026 23:00:00 GMT"));
		String body = "{\"id\":42,\"name\":\"Espresso beans 1kg\",\"price\":24.90,\"tags\":[\"coffee\",\"beans\"]}";
		return new Trace(Trace.SCHEMA_VERSION, TraceId.create(start), start, 412, "chronotrace-benchmark",
				new TraceRequest("GET", "http://127.0.0.1:18082/api/products/42", "/api/products/42", null,
						requestHeaders, null, "127.0.0.1"),
				new TraceResponse(200, responseHeaders,
						TraceBody.text("application/json", body, "UTF-8", body.length(), body.length()),
						body.length()),
				null, List.of(), 0, null, List.of());
	}

}
