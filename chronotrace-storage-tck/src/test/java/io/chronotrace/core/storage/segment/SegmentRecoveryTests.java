package io.chronotrace.core.storage.segment;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import io.chronotrace.core.storage.BatchStoreResult;
import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.trace.TestTraces;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceSummary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a process killed in the middle of writing leaves is read by the next start: a torn last
 * record is cut off with one warning, an index that lags its segment is rebuilt from it, and
 * the next start appends after what survived.
 */
class SegmentRecoveryTests {

	private static final Instant DAY = Instant.parse("2026-11-21T00:00:00Z");

	@TempDir
	Path root;

	final List<String> warnings = new CopyOnWriteArrayList<>();

	private final List<SegmentTraceStorage> opened = new ArrayList<>();

	@AfterEach
	void closeAll() {
		this.opened.forEach(SegmentTraceStorage::close);
	}

	@Test
	void garbageAfterTheLastRecordIsCutOffWithOneWarningAndNothingIsLost() throws IOException {
		List<Trace> stored = storeAndCrash(3, 40);
		Path segment = onlyOpenSegment();
		long validSize = Files.size(segment);
		try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
			// a frame that promises more than was written: its length holds, its body is torn
			channel.write(java.nio.ByteBuffer.wrap(new byte[] { 0, 0, 1, 0, 1, 2, 3, 4, 1, 1, 0, 0 }));
		}

		SegmentTraceStorage reopened = open();

		stored.forEach((trace) -> assertThat(reopened.retrieve(trace.id())).contains(trace));
		assertThat(this.warnings).hasSize(1);
		assertThat(this.warnings.get(0)).contains("torn end").contains(segment.getFileName().toString());
		assertThat(Files.size(sealed(segment))).isEqualTo(validSize);
		assertAppendsAfter(reopened, stored);
	}

	@Test
	void aRecordCutInTheMiddleIsSkippedAndTheBatchesBeforeItAreAllThere() throws IOException {
		List<Trace> stored = storeAndCrash(3, 40);
		Path segment = onlyOpenSegment();
		try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
			channel.truncate(channel.size() - 10);
		}

		SegmentTraceStorage reopened = open();

		List<Trace> firstBatches = stored.subList(0, 80);
		firstBatches.forEach((trace) -> assertThat(reopened.retrieve(trace.id())).contains(trace));
		List<TraceSummary> listed = reopened.list(TraceQuery.builder().limit(1000).build()).items();
		assertThat(listed).containsAll(firstBatches.stream().map(Trace::summary).toList());
		// the torn batch's own index entries pointed past the end: none of them is listed
		// unless its record survived whole
		for (TraceSummary summary : listed) {
			assertThat(reopened.retrieve(summary.id())).isPresent();
		}
		assertThat(this.warnings).hasSize(1).allSatisfy((warning) -> assertThat(warning).contains("torn end"));
		assertAppendsAfter(reopened, firstBatches);
	}

	@Test
	void anIndexThatLagsItsSegmentIsRebuiltFromTheSegment() throws IOException {
		List<Trace> stored = storeAndCrash(3, 40);
		Path index = onlyOpenSegment().resolveSibling(onlyOpenSegment().getFileName().toString()
			.replace(SegmentFiles.OPEN_SEGMENT, SegmentFiles.OPEN_INDEX));
		try (FileChannel channel = FileChannel.open(index, StandardOpenOption.WRITE)) {
			// killed between the segment's write and the index's: the last index frame is torn
			channel.truncate(channel.size() - 100);
		}

		SegmentTraceStorage reopened = open();

		stored.forEach((trace) -> assertThat(reopened.retrieve(trace.id())).contains(trace));
		assertThat(reopened.list(TraceQuery.builder().limit(1000).build()).items())
			.containsExactlyInAnyOrderElementsOf(stored.stream().map(Trace::summary).toList());
		assertAppendsAfter(reopened, stored);
	}

	@Test
	void aLostIndexIsRebuiltFromTheSegment() throws IOException {
		List<Trace> stored = storeAndCrash(2, 30);
		Path segment = onlyOpenSegment();
		Files.delete(segment.resolveSibling(segment.getFileName().toString()
			.replace(SegmentFiles.OPEN_SEGMENT, SegmentFiles.OPEN_INDEX)));

		SegmentTraceStorage reopened = open();

		stored.forEach((trace) -> assertThat(reopened.retrieve(trace.id())).contains(trace));
		assertThat(reopened.list(TraceQuery.builder().limit(1000).build()).items()).hasSize(stored.size());
	}

	@Test
	void aDeleteSurvivesTheCrash() throws IOException {
		SegmentTraceStorage storage = open();
		Trace kept = TestTraces.trace(DAY.plusSeconds(1));
		Trace deleted = TestTraces.trace(DAY.plusSeconds(2));
		storage.storeAll(List.of(kept, deleted));
		storage.delete(deleted.id());
		this.root = SegmentBytes.killedCopy(this.root);

		SegmentTraceStorage reopened = open();

		assertThat(reopened.retrieve(deleted.id())).isEmpty();
		assertThat(reopened.list(TraceQuery.newest()).items()).containsExactly(kept.summary());
	}

	private void assertAppendsAfter(SegmentTraceStorage reopened, List<Trace> survivors) {
		Trace next = TestTraces.trace(DAY.plusSeconds(7200));
		assertThat(reopened.storeAll(List.of(next)).allStored()).isTrue();
		assertThat(reopened.retrieve(next.id())).contains(next);
		reopened.close();
		SegmentTraceStorage again = open();
		assertThat(again.retrieve(next.id())).contains(next);
		survivors.forEach((trace) -> assertThat(again.retrieve(trace.id())).isPresent());
	}

	/** Stores batches on one thread, so that they go to one segment, then crashes. */
	private List<Trace> storeAndCrash(int batches, int perBatch) throws IOException {
		SegmentTraceStorage storage = open();
		List<Trace> stored = new ArrayList<>();
		for (int b = 0; b < batches; b++) {
			List<Trace> batch = new ArrayList<>();
			for (int i = 0; i < perBatch; i++) {
				batch.add(TestTraces.trace(DAY.plusSeconds(b * 100L + i)));
			}
			BatchStoreResult result = storage.storeAll(batch);
			assertThat(result.allStored()).isTrue();
			stored.addAll(batch);
		}
		this.root = SegmentBytes.killedCopy(this.root);
		return stored;
	}

	private SegmentTraceStorage open() {
		SegmentTraceStorage storage = SegmentTraceStorage.open(this.root, SegmentSettings.DEFAULT, this.warnings::add);
		this.opened.add(storage);
		return storage;
	}

	private Path onlyOpenSegment() throws IOException {
		return onlyOpenSegment(this.root);
	}

	/** The one open segment of a store, asserted to be the only one. */
	static Path onlyOpenSegment(Path root) throws IOException {
		try (Stream<Path> files = Files.walk(root)) {
			List<Path> open = files.filter((file) -> file.toString().endsWith(SegmentFiles.OPEN_SEGMENT)).toList();
			assertThat(open).hasSize(1);
			return open.get(0);
		}
	}

	private static Path sealed(Path openSegment) {
		return openSegment.resolveSibling(
				openSegment.getFileName().toString().replace(SegmentFiles.OPEN_SEGMENT, SegmentFiles.SEGMENT));
	}

}
