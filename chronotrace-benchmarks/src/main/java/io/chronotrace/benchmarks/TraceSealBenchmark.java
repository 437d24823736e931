package io.chronotrace.benchmarks;

import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.chronotrace.core.compress.Compression;
import io.chronotrace.core.encrypt.EncryptingTraceStorage;
import io.chronotrace.core.encrypt.EncryptionKeys;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.memory.InMemoryTraceStorage;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceCodec;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * What client-side encryption adds to storing a trace: the same trace (the HTTP load
 * benchmark's GET) sealed (JSON, gzip level 1, AES-256-GCM, base64, the envelope) into memory
 * storage through {@link EncryptingTraceStorage}, against what every backend does to a trace
 * anyway (JSON and gzip level 6) and against memory storage in clear (which keeps the object and
 * does no work); and retrieving it, in clear and opened. See docs/benchmarks.md.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class TraceSealBenchmark {

	private TraceStorage clear;

	private TraceStorage sealed;

	private Trace trace;

	@Setup(Level.Iteration)
	public void setUp() {
		EncryptionKeys keys = EncryptionKeys.of(Map.of("k1", Base64.getEncoder().encodeToString(new byte[32])), "k1");
		this.clear = new InMemoryTraceStorage(10);
		this.sealed = new EncryptingTraceStorage(new InMemoryTraceStorage(10), keys, false);
		this.trace = TraceWriteBenchmark.trace(Instant.now());
		this.clear.store(this.trace);
		this.sealed.store(this.trace);
	}

	/** The baseline: what every backend does to a trace anyway (JSON, gzip level 6). */
	@Benchmark
	public byte[] encodeForStorage() {
		return Compression.DEFAULT.compress(TraceCodec.get().toBytes(this.trace));
	}

	@Benchmark
	public long storeInClear() {
		return this.clear.store(this.trace);
	}

	@Benchmark
	public long storeSealed() {
		return this.sealed.store(this.trace);
	}

	@Benchmark
	public Object retrieveInClear() {
		return this.clear.retrieve(this.trace.id());
	}

	@Benchmark
	public Object retrieveOpened() {
		return this.sealed.retrieve(this.trace.id());
	}

}
