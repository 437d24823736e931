package io.chronotrace.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.chronotrace.core.compress.Compression;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.local.LocalFileSystemTraceStorage;
import io.chronotrace.core.storage.segment.SegmentSettings;
import io.chronotrace.core.storage.segment.SegmentTraceStorage;
import io.chronotrace.core.trace.Trace;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Traces stored per second by one writer thread with each layout: the writer hands the storage
 * batches of what is queued ({@link TraceStorage#storeAll}); here 64 traces of the HTTP load's
 * GET per batch, compression on. Scores are per trace. See docs/benchmarks.md.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Thread)
public class LayoutStoreBenchmark {

	private static final int BATCH = 64;

	@Param({ "folders", "segments" })
	public String layout;

	private Path directory;

	private TraceStorage storage;

	@Setup(Level.Iteration)
	public void setUp() throws IOException {
		String parent = System.getProperty("chronotrace.benchmark.dir");
		this.directory = (parent != null) ? Files.createTempDirectory(Path.of(parent), "chronotrace-layout-benchmark")
				: Files.createTempDirectory("chronotrace-layout-benchmark");
		Path root = this.directory.resolve("traces");
		this.storage = this.layout.equals("segments") ? SegmentTraceStorage.open(root, SegmentSettings.DEFAULT)
				: new LocalFileSystemTraceStorage(root, Compression.DEFAULT);
	}

	@TearDown(Level.Iteration)
	public void tearDown() throws Exception {
		if (this.storage instanceof AutoCloseable closeable) {
			closeable.close();
		}
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

	/** One batch of new traces, as a writer thread stores it. */
	@Benchmark
	@OperationsPerInvocation(BATCH)
	public long storeBatch() {
		Instant now = Instant.now();
		List<Trace> batch = new ArrayList<>(BATCH);
		for (int i = 0; i < BATCH; i++) {
			batch.add(TraceWriteBenchmark.trace(now.plusNanos(i * 1000L)));
		}
		return this.storage.storeAll(batch).bytesWritten();
	}

}
