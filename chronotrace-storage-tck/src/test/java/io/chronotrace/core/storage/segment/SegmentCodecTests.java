package io.chronotrace.core.storage.segment;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.trace.TestTraces;
import io.chronotrace.core.trace.Trace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * Blocks of records are written with LZ4; blocks that earlier versions wrote with deflate, and
 * stored ones, still read back, also side by side in one segment.
 */
class SegmentCodecTests {

	private static final Instant DAY = Instant.parse("2026-11-21T00:00:00Z");

	private static final byte[] RECORDS = "{\"method\":\"POST\",\"body\":\"{\\\"orderId\\\":42}\"}".repeat(200)
		.getBytes(StandardCharsets.UTF_8);

	@TempDir
	Path root;

	private final List<String> warnings = new CopyOnWriteArrayList<>();

	private final List<SegmentTraceStorage> opened = new ArrayList<>();

	@AfterEach
	void closeAll() {
		this.opened.forEach(SegmentTraceStorage::close);
	}

	@Test
	void everyCodecReadsBackWhatItWrote() throws IOException {
		for (byte codec : new byte[] { SegmentFormat.CODEC_NONE, SegmentFormat.CODEC_DEFLATE, SegmentFormat.CODEC_LZ4 }) {
			byte[] body = blockFrameBody(codec, RECORDS);

			assertThat(body[1]).isEqualTo(codec);
			assertThat(SegmentFormat.blockRecords(body)).as("codec %d", codec).isEqualTo(RECORDS);
		}
		assertThat(blockFrameBody(SegmentFormat.CODEC_LZ4, RECORDS).length).isLessThan(RECORDS.length / 10);
	}

	@Test
	void aGarbledLz4BlockIsAnErrorNotACrash() {
		byte[] body = blockFrameBody(SegmentFormat.CODEC_LZ4, RECORDS);
		byte[] truncated = Arrays.copyOf(body, body.length / 2);
		byte[] longer = body.clone();
		ByteBuffer.wrap(longer).putInt(2, RECORDS.length + 1000);

		assertThatIOException().isThrownBy(() -> SegmentFormat.blockRecords(truncated))
			.withMessageContaining("cannot be decompressed");
		assertThatIOException().isThrownBy(() -> SegmentFormat.blockRecords(longer))
			.withMessageContaining("decompresses to");
	}

	@Test
	void newBlocksAreLz4WhenCompressionIsOnAndStoredWhenOff() throws IOException {
		SegmentTraceStorage compressed = open(this.root.resolve("on"), SegmentSettings.DEFAULT);
		compressed.storeAll(traces(0, 20));
		SegmentTraceStorage plain = open(this.root.resolve("off"),
				SegmentSettings.DEFAULT.withCompression(false));
		plain.storeAll(traces(0, 20));

		assertThat(blockCodecs(SegmentRecoveryTests.onlyOpenSegment(this.root.resolve("on")))).containsOnly(SegmentFormat.CODEC_LZ4);
		assertThat(blockCodecs(SegmentRecoveryTests.onlyOpenSegment(this.root.resolve("off")))).containsOnly(SegmentFormat.CODEC_NONE);
	}

	@Test
	void aSegmentWrittenWithDeflateBlocksIsReadAndAppendedToWithLz4() throws IOException {
		SegmentTraceStorage before = open(this.root.resolve("store"), SegmentSettings.DEFAULT);
		List<Trace> old = traces(0, 40);
		before.storeAll(old.subList(0, 20));
		before.storeAll(old.subList(20, 40));
		Path store = SegmentBytes.killedCopy(this.root.resolve("store"));
		Path segment = SegmentRecoveryTests.onlyOpenSegment(store);
		rewriteBlocks(segment, SegmentFormat.CODEC_DEFLATE);
		// the index points into the LZ4 frames; without it the next start rebuilds it from the segment
		Files.delete(segment.resolveSibling(
				segment.getFileName().toString().replace(SegmentFiles.OPEN_SEGMENT, SegmentFiles.OPEN_INDEX)));
		assertThat(blockCodecs(segment)).containsOnly(SegmentFormat.CODEC_DEFLATE);

		SegmentTraceStorage after = open(store, SegmentSettings.DEFAULT);
		List<Trace> added = traces(100, 10);
		after.storeAll(added);

		old.forEach((trace) -> assertThat(after.retrieve(trace.id())).contains(trace));
		added.forEach((trace) -> assertThat(after.retrieve(trace.id())).contains(trace));
		assertThat(after.list(TraceQuery.builder().limit(1000).build()).items()).hasSize(50);
		Path killed = SegmentBytes.killedCopy(store);
		List<Byte> codecs = new ArrayList<>();
		for (Path file : segmentFiles(killed)) {
			codecs.addAll(blockCodecs(file));
		}
		assertThat(codecs).contains(SegmentFormat.CODEC_DEFLATE, SegmentFormat.CODEC_LZ4);
		SegmentTraceStorage again = open(killed, SegmentSettings.DEFAULT);
		old.forEach((trace) -> assertThat(again.retrieve(trace.id())).contains(trace));
		added.forEach((trace) -> assertThat(again.retrieve(trace.id())).contains(trace));
	}

	private static byte[] blockFrameBody(byte codec, byte[] records) {
		SegmentBuffer out = new SegmentBuffer();
		SegmentFormat.appendBlockFrame(out, records, records.length, codec);
		byte[] frame = Arrays.copyOf(out.bytes(), out.size());
		try {
			return SegmentFormat.body(frame);
		}
		catch (IOException ex) {
			throw new AssertionError(ex);
		}
	}

	/** The codec of every block frame of a segment file, in order. */
	private static List<Byte> blockCodecs(Path segment) throws IOException {
		List<Byte> codecs = new ArrayList<>();
		forEachFrame(Files.readAllBytes(segment), (body) -> {
			if (body[0] == SegmentFormat.TYPE_BLOCK) {
				codecs.add(body[1]);
			}
		});
		return codecs;
	}

	/** Re-encodes every block frame of a segment file with another codec, as an older version wrote it. */
	private static void rewriteBlocks(Path segment, byte codec) throws IOException {
		byte[] file = Files.readAllBytes(segment);
		SegmentBuffer out = new SegmentBuffer();
		out.write(file, 0, SegmentFormat.HEADER_SIZE);
		List<IOException> failures = new ArrayList<>();
		forEachFrame(file, (body) -> {
			if (body[0] != SegmentFormat.TYPE_BLOCK) {
				throw new AssertionError("only blocks are expected here");
			}
			try {
				byte[] records = SegmentFormat.blockRecords(body);
				SegmentFormat.appendBlockFrame(out, records, records.length, codec);
			}
			catch (IOException ex) {
				failures.add(ex);
			}
		});
		assertThat(failures).isEmpty();
		Files.write(segment, Arrays.copyOf(out.bytes(), out.size()));
	}

	private static void forEachFrame(byte[] file, Consumer<byte[]> bodies) throws IOException {
		int offset = SegmentFormat.HEADER_SIZE;
		while (offset < file.length) {
			int length = ByteBuffer.wrap(file, offset, 4).getInt();
			byte[] frame = Arrays.copyOfRange(file, offset, offset + SegmentFormat.FRAME_PREFIX + length);
			bodies.accept(SegmentFormat.body(frame));
			offset += frame.length;
		}
	}

	private static List<Trace> traces(int first, int count) {
		List<Trace> traces = new ArrayList<>();
		for (int i = first; i < first + count; i++) {
			traces.add(TestTraces.trace(DAY.plusSeconds(i)));
		}
		return traces;
	}

	private SegmentTraceStorage open(Path store, SegmentSettings settings) {
		SegmentTraceStorage storage = SegmentTraceStorage.open(store, settings, this.warnings::add);
		this.opened.add(storage);
		return storage;
	}

	private static List<Path> segmentFiles(Path store) throws IOException {
		try (Stream<Path> files = Files.walk(store)) {
			return files.filter((file) -> file.toString().endsWith(SegmentFiles.SEGMENT)).toList();
		}
	}

}
