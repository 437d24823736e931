package io.chronotrace.core.storage.segment;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.chronotrace.core.storage.segment.SegmentFormat.RecordLocation;
import io.chronotrace.core.trace.TestTraces;
import io.chronotrace.core.trace.Trace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * Whoever can write a segment or index file can also compute a valid CRC32C: a frame or an index
 * entry that states an impossible length is an error (a trace skipped with a warning), never an
 * allocation of what it states.
 */
class SegmentCraftedFrameTests {

	private static final Instant DAY = Instant.parse("2026-11-21T00:00:00Z");

	/** Far less than any of the lengths the crafted frames state. */
	private static final long ALLOCATION_BOUND = 16 * 1024 * 1024;

	@TempDir
	Path root;

	private final List<String> warnings = new CopyOnWriteArrayList<>();

	private final List<SegmentTraceStorage> opened = new ArrayList<>();

	@AfterEach
	void closeAll() {
		this.opened.forEach(SegmentTraceStorage::close);
	}

	@Test
	void aBlockThatStatesMoreThanItHoldsIsAnErrorForEveryCodec() {
		for (byte codec : new byte[] { SegmentFormat.CODEC_NONE, SegmentFormat.CODEC_DEFLATE, SegmentFormat.CODEC_LZ4 }) {
			for (int rawLength : new int[] { SegmentFormat.MAX_FRAME, Integer.MAX_VALUE, -1 }) {
				byte[] body = craftedBody(codec, rawLength);

				long allocated = allocatedBy(() -> assertThatIOException().as("codec %d, raw length %d", codec, rawLength)
					.isThrownBy(() -> SegmentFormat.blockRecords(SegmentFormat.body(frame(body)))));

				assertThat(allocated).as("bytes allocated for codec %d, raw length %d", codec, rawLength)
					.isLessThan(ALLOCATION_BOUND);
			}
		}
	}

	@Test
	void aStoredBlockWhoseLengthIsNotItsContentIsAnError() throws IOException {
		byte[] body = SegmentFormat.body(frame(blockBody(SegmentFormat.CODEC_NONE, 100, new byte[100])));
		assertThat(SegmentFormat.blockRecords(body)).hasSize(100);

		assertThatIOException().isThrownBy(() -> SegmentFormat.blockRecords(blockBody(SegmentFormat.CODEC_NONE, 99, new byte[100])))
			.withMessageContaining("is not its 100 stored bytes");
		assertThatIOException().isThrownBy(() -> SegmentFormat.blockRecords(new byte[] { SegmentFormat.TYPE_BLOCK }))
			.withMessageContaining("too short");
	}

	@Test
	void aDeflateBlockThatStatesMoreThanItInflatesToAllocatesOnlyWhatItInflatesTo() {
		// 100 MB is within what 100 KB can inflate to, and within MAX_FRAME: the ratio alone
		// does not refuse it
		byte[] body = blockBody(SegmentFormat.CODEC_DEFLATE, 100 * 1024 * 1024, new byte[100_000]);

		long allocated = allocatedBy(() -> assertThatIOException().isThrownBy(() -> SegmentFormat.blockRecords(body)));

		assertThat(allocated).isLessThan(ALLOCATION_BOUND);
	}

	@Test
	void aTraceWhoseBlockWasCraftedIsSkippedWithAWarning() throws IOException {
		SegmentTraceStorage before = open(this.root.resolve("store"));
		Trace trace = TestTraces.trace(DAY.plusSeconds(1));
		before.store(trace);
		Path store = SegmentBytes.killedCopy(this.root.resolve("store"));
		Path segment = SegmentRecoveryTests.onlyOpenSegment(store);
		byte[] file = Files.readAllBytes(segment);
		int frameOffset = SegmentFormat.HEADER_SIZE;
		int length = ByteBuffer.wrap(file, frameOffset, 4).getInt();
		// the same frame, stating the largest raw length, with a checksum that holds
		ByteBuffer.wrap(file).putInt(frameOffset + SegmentFormat.FRAME_PREFIX + 2, SegmentFormat.MAX_FRAME);
		ByteBuffer.wrap(file).putInt(frameOffset + 4, SegmentFormat.crc(file, frameOffset + SegmentFormat.FRAME_PREFIX, length));
		Files.write(segment, file);

		SegmentTraceStorage after = open(store);

		assertThat(after.retrieve(trace.id())).isEmpty();
		assertThat(this.warnings).anySatisfy((warning) -> assertThat(warning).contains(trace.id().toString())
			.contains("cannot be read").contains("raw length"));
	}

	@Test
	void anIndexEntryThatPointsAtAHugeFrameIsSkippedWithAWarning() throws IOException {
		Path store = this.root.resolve("store");
		SegmentTraceStorage before = open(store);
		Trace trace = TestTraces.trace(DAY.plusSeconds(1));
		before.store(trace);
		before.close();
		// a sealed segment's index is read as it is, not rebuilt by recovery
		Path index;
		try (var files = Files.walk(store)) {
			index = files.filter((file) -> file.toString().endsWith(SegmentFiles.INDEX)).findFirst().orElseThrow();
		}
		byte[] indexBytes = Files.readAllBytes(index);
		List<IndexEntry> entries = new ArrayList<>();
		IndexCodec.read(indexBytes, SegmentFormat.HEADER_SIZE, entries::add);
		List<IndexEntry> crafted = entries.stream().map((entry) -> withLocation(entry,
				new RecordLocation(entry.location().frameOffset(), Integer.MAX_VALUE, 0, Integer.MAX_VALUE))).toList();
		byte[] frame = IndexCodec.frame(crafted);
		byte[] rewritten = Arrays.copyOf(indexBytes, SegmentFormat.HEADER_SIZE + frame.length);
		System.arraycopy(frame, 0, rewritten, SegmentFormat.HEADER_SIZE, frame.length);
		Files.write(index, rewritten);

		SegmentTraceStorage after = open(store);

		long allocated = allocatedBy(() -> assertThat(after.retrieve(trace.id())).isEmpty());
		assertThat(allocated).isLessThan(ALLOCATION_BOUND);
		assertThat(this.warnings).anySatisfy((warning) -> assertThat(warning).contains(trace.id().toString())
			.contains("cannot be read"));
	}

	@Test
	void anAttachmentStoredAsItIsWhoseByteChangedFailsAtItsEnd() throws IOException {
		Path store = this.root.resolve("store");
		SegmentTraceStorage storage = SegmentTraceStorage.open(store, SegmentSettings.DEFAULT.withCompression(false),
				this.warnings::add);
		this.opened.add(storage);
		byte[] content = new byte[200_000];
		Arrays.fill(content, (byte) 'a');
		Trace trace = TestTraces.withResponseAttachment(TestTraces.trace(DAY.plusSeconds(1)),
				TestTraces.attachment(this.root, "response-body", content));
		storage.store(trace);
		try (var in = storage.openAttachment(trace.id(), "response-body").orElseThrow()) {
			assertThat(in.readAllBytes()).isEqualTo(content);
		}

		assertThat(SegmentBytes.flipAttachmentByte(store, trace.id(), "response-body")).isTrue();

		try (var in = storage.openAttachment(trace.id(), "response-body").orElseThrow()) {
			assertThat(in.readNBytes(content.length)).hasSize(content.length);
			assertThatIOException().isThrownBy(in::read)
				.withMessageContaining("attachment response-body of trace " + trace.id())
				.withMessageContaining("checksum does not hold");
		}
	}

	private static IndexEntry withLocation(IndexEntry entry, RecordLocation location) {
		return new IndexEntry(entry.kind(), entry.idMsb(), entry.idLsb(), entry.version(), location,
				entry.startSecond(), entry.startNano(), entry.durationMicros(), entry.status(), entry.eventCount(),
				entry.method(), entry.path(), entry.application(), entry.exceptionType());
	}

	/** A block frame body of the codec that states a raw length and holds a few real bytes of it. */
	private static byte[] craftedBody(byte codec, int rawLength) {
		SegmentBuffer out = new SegmentBuffer();
		SegmentFormat.appendBlockFrame(out, new byte[64], 64, codec);
		byte[] body = Arrays.copyOfRange(out.bytes(), SegmentFormat.FRAME_PREFIX, out.size());
		ByteBuffer.wrap(body).putInt(2, rawLength);
		return body;
	}

	private static byte[] blockBody(byte codec, int rawLength, byte[] payload) {
		byte[] body = new byte[SegmentFormat.BLOCK_HEADER + payload.length];
		ByteBuffer.wrap(body).put(SegmentFormat.TYPE_BLOCK).put(codec).putInt(rawLength).put(payload);
		if (codec == SegmentFormat.CODEC_DEFLATE) {
			// an empty final block (fixed Huffman, end of block at once), then padding: inflates to nothing
			body[SegmentFormat.BLOCK_HEADER] = 0x03;
			body[SegmentFormat.BLOCK_HEADER + 1] = 0x00;
		}
		return body;
	}

	/** A frame around a body, with the checksum that holds for it. */
	private static byte[] frame(byte[] body) {
		byte[] frame = new byte[SegmentFormat.FRAME_PREFIX + body.length];
		ByteBuffer.wrap(frame).putInt(body.length).putInt(SegmentFormat.crc(body, 0, body.length)).put(body);
		return frame;
	}

	/** The bytes this thread allocated while the action ran. */
	private static long allocatedBy(Runnable action) {
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		long before = threads.getCurrentThreadAllocatedBytes();
		action.run();
		return threads.getCurrentThreadAllocatedBytes() - before;
	}

	private SegmentTraceStorage open(Path store) {
		SegmentTraceStorage storage = SegmentTraceStorage.open(store, SegmentSettings.DEFAULT, this.warnings::add);
		this.opened.add(storage);
		return storage;
	}

}
