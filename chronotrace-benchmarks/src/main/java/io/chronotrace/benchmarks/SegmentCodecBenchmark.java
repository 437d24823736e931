package io.chronotrace.benchmarks;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;
import java.util.zip.Deflater;

import com.github.luben.zstd.Zstd;
import io.chronotrace.core.trace.TraceCodec;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
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
 * Which compression the segment layout should use: Deflater level 1 and 6, zstd level 1 and
 * LZ4, each per record (one trace), per block (a batch of 64 traces) and in small blocks of 4
 * traces, which is what a writer that keeps up with its queue under load hands over. Each
 * benchmark compresses the same 64 traces of the HTTP load's GET; the compressed sizes are
 * printed at setup. See docs/benchmarks.md.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Thread)
public class SegmentCodecBenchmark {

	private static final int TRACES = 64;

	private static final int SMALL_BLOCK = 4;

	private final List<byte[]> records = new ArrayList<>();

	private byte[] block;

	private final Deflater fast = new Deflater(1, true);

	private final Deflater level6 = new Deflater(6, true);

	private final LZ4Compressor lz4Compressor = LZ4Factory.fastestInstance().fastCompressor();

	private final List<byte[]> smallBlocks = new ArrayList<>();

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
		for (int i = 0; i < TRACES; i += SMALL_BLOCK) {
			ByteArrayOutputStream small = new ByteArrayOutputStream();
			this.records.subList(i, i + SMALL_BLOCK).forEach(small::writeBytes);
			this.smallBlocks.add(small.toByteArray());
		}
		System.out.printf("%nraw %d B; deflate1 per record %d, per block %d, small blocks %d; deflate6 per record %d,"
				+ " per block %d; zstd1 per record %d, per block %d; lz4 per record %d, per block %d, small blocks %d%n",
				this.block.length, deflate1PerRecord(), deflate1PerBlock(), deflate1SmallBlocks(), deflate6PerRecord(),
				deflate6PerBlock(), zstd1PerRecord(), zstd1PerBlock(), lz4PerRecord(), lz4PerBlock(), lz4SmallBlocks());
	}

	@Benchmark
	public int deflate1SmallBlocks() {
		return sum(this.smallBlocks, (input) -> deflate(this.fast, input));
	}

	@Benchmark
	public int lz4PerRecord() {
		return sum(this.records, this::lz4);
	}

	@Benchmark
	public int lz4PerBlock() {
		return lz4(this.block);
	}

	@Benchmark
	public int lz4SmallBlocks() {
		return sum(this.smallBlocks, this::lz4);
	}

	@Benchmark
	public int deflate1PerRecord() {
		return sum(this.records, (input) -> deflate(this.fast, input));
	}

	@Benchmark
	public int deflate1PerBlock() {
		return deflate(this.fast, this.block);
	}

	@Benchmark
	public int deflate6PerRecord() {
		return sum(this.records, (input) -> deflate(this.level6, input));
	}

	@Benchmark
	public int deflate6PerBlock() {
		return deflate(this.level6, this.block);
	}

	@Benchmark
	public int zstd1PerRecord() {
		return sum(this.records, this::zstd1);
	}

	@Benchmark
	public int zstd1PerBlock() {
		return zstd1(this.block);
	}

	private static int sum(List<byte[]> inputs, ToIntFunction<byte[]> compress) {
		int total = 0;
		for (byte[] input : inputs) {
			total += compress.applyAsInt(input);
		}
		return total;
	}

	private int lz4(byte[] input) {
		return this.lz4Compressor.compress(input, 0, input.length, this.out, 0, this.out.length);
	}

	private int zstd1(byte[] input) {
		return (int) Zstd.compressByteArray(this.out, 0, this.out.length, input, 0, input.length, 1);
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
