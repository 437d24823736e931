package io.chronotrace.benchmarks;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;

import com.github.luben.zstd.Zstd;
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
 * Which compression the segment layout should use: Deflater level 1 and 6 and zstd level 1,
 * each per record (one trace) and per block (a batch of 64 traces, as the writer hands them
 * over). Each benchmark compresses the same 64 traces of the HTTP load's GET; the compressed
 * sizes are printed at setup. See docs/benchmarks.md.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Thread)
public class SegmentCodecBenchmark {

	private static final int TRACES = 64;

	private final List<byte[]> records = new ArrayList<>();

	private byte[] block;

	private final Deflater fast = new Deflater(1, true);

	private final Deflater level6 = new Deflater(6, true);

	private final byte[] out = new byte[1 << 20];

	@Setup(Level.Trial)
	public void setUp() {
		Instant start = Instant.now();
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		for (int i = 0; i < TRACES; i++) {
			byte[] json = TraceCodec.get().toBytes(TraceWriteBenchmark.trace(start.plusMillis(i * 7L)));
			this.records.add(json);
			all.writeBytes(json);
		}
		this.block = all.toByteArray();
		System.out.printf("%nraw %d B; deflate1 per record %d, per block %d; deflate6 per record %d, per block %d;"
				+ " zstd1 per record %d, per block %d%n", this.block.length, deflate1PerRecord(), deflate1PerBlock(),
				deflate6PerRecord(), deflate6PerBlock(), zstd1PerRecord(), zstd1PerBlock());
	}

	@Benchmark
	public int deflate1PerRecord() {
		int total = 0;
		for (byte[] record : this.records) {
			total += deflate(this.fast, record);
		}
		return total;
	}

	@Benchmark
	public int deflate1PerBlock() {
		return deflate(this.fast, this.block);
	}

	@Benchmark
	public int deflate6PerRecord() {
		int total = 0;
		for (byte[] record : this.records) {
			total += deflate(this.level6, record);
		}
		return total;
	}

	@Benchmark
	public int deflate6PerBlock() {
		return deflate(this.level6, this.block);
	}

	@Benchmark
	public int zstd1PerRecord() {
		int total = 0;
		for (byte[] record : this.records) {
			total += (int) Zstd.compressByteArray(this.out, 0, this.out.length, record, 0, record.length, 1);
		}
		return total;
	}

	@Benchmark
	public int zstd1PerBlock() {
		return (int) Zstd.compressByteArray(this.out, 0, this.out.length, this.block, 0, this.block.length, 1);
	}

	private int deflate(Deflater deflater, byte[] input) {
		deflater.reset();
		deflater.setInput(input);
		deflater.finish();
		int total = 0;
		while (!deflater.finished()) {
			total += deflater.deflate(this.out, 0, this.out.length);
		}
		return total;
	}

}
