package io.chronotrace.core.storage.segment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import io.chronotrace.core.storage.TraceLayout;
import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.trace.TestTraces;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the segment layout promises beyond the storage contract: listings read indexes only,
 * concurrent writers each get their own segment, segments roll by size, and a day is purged
 * with a few unlinks.
 */
class SegmentLayoutTests {

	private static final Instant DAY = Instant.parse("2026-11-21T00:00:00Z");

	@TempDir
	Path root;

	final List<String> warnings = new CopyOnWriteArrayList<>();

	@Test
	void listingsReadIndexesOnlyNeverTheSegments() throws IOException {
		List<Trace> traces = new ArrayList<>();
		try (SegmentTraceStorage storage = open(SegmentSettings.DEFAULT)) {
			for (int i = 0; i < 200; i++) {
				traces.add(TestTraces.trace(DAY.plusSeconds(i), (i % 10 == 0) ? 503 : 200));
			}
			storage.storeAll(traces);
		}
		// the segments' bytes are gone (same size, all zeros): only the indexes are left to read
		for (Path segment : files(SegmentFiles.SEGMENT)) {
			Files.write(segment, new byte[(int) Files.size(segment)]);
		}

		try (SegmentTraceStorage storage = open(SegmentSettings.DEFAULT)) {
			List<TraceSummary> listed = storage.list(TraceQuery.builder().limit(1000).build()).items();
			assertThat(listed).hasSize(200);
			assertThat(storage.list(TraceQuery.builder().status(io.chronotrace.core.storage.StatusFilter.series(5)).build())
				.items()).hasSize(20);
			assertThat(storage.retrieve(traces.get(0).id())).isEmpty();
			assertThat(this.warnings).anySatisfy((warning) -> assertThat(warning).contains("cannot be read"));
		}
	}

	@Test
	void concurrentWritersAppendToTheirOwnSegmentsAndLoseNothing() throws Exception {
		List<Trace> all = new CopyOnWriteArrayList<>();
		try (SegmentTraceStorage storage = open(SegmentSettings.DEFAULT)) {
			ExecutorService pool = Executors.newFixedThreadPool(4);
			// each round starts all four writers together, so that their batches overlap
			java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(4);
			List<Future<?>> writers = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				int thread = t;
				writers.add(pool.submit(() -> {
					for (int b = 0; b < 20; b++) {
						together.await();
						List<Trace> batch = new ArrayList<>();
						for (int i = 0; i < 25; i++) {
							batch.add(TestTraces.trace(DAY.plusMillis(((thread * 20L + b) * 25 + i) * 7)));
						}
						assertThat(storage.storeAll(batch).allStored()).isTrue();
						all.addAll(batch);
					}
					return null;
				}));
			}
			for (Future<?> writer : writers) {
				writer.get();
			}
			pool.shutdown();
			// a lane per writer storing at the same moment: never more segments than writers (how
			// many overlapped depends on the scheduler, so at least one)
			assertThat(files(SegmentFiles.OPEN_SEGMENT)).hasSizeBetween(1, 4);
			assertThat(storage.list(TraceQuery.builder().limit(1000).build()).items())
				.containsExactlyElementsOf(all.stream().map(Trace::summary).sorted(TraceSummary.NEWEST_FIRST).toList()
					.subList(0, 1000));
		}
		try (SegmentTraceStorage reopened = open(SegmentSettings.DEFAULT)) {
			all.forEach((trace) -> assertThat(reopened.retrieve(trace.id())).contains(trace));
		}
		assertThat(files(SegmentFiles.OPEN_SEGMENT)).isEmpty();
	}

	@Test
	void segmentsRollBySizeAndADayIsPurgedWhole() throws IOException {
		List<Trace> traces = new ArrayList<>();
		try (SegmentTraceStorage storage = open(SegmentSettings.DEFAULT.withSegmentMaxBytes(64 * 1024))) {
			for (int b = 0; b < 40; b++) {
				List<Trace> batch = new ArrayList<>();
				for (int i = 0; i < 50; i++) {
					batch.add(TestTraces.trace(DAY.plusSeconds(b * 60L + i)));
				}
				storage.storeAll(batch);
				traces.addAll(batch);
			}
			assertThat(files(SegmentFiles.SEGMENT)).as("sealed when full").isNotEmpty();
			assertThat(files(SegmentFiles.OPEN_SEGMENT)).as("the one written now").hasSize(1);
			for (int i = 0; i < traces.size(); i += 25) {
				assertThat(storage.retrieve(traces.get(i).id())).contains(traces.get(i));
			}

			assertThat(storage.purgeOlderThan(DAY.plusSeconds(86400)).days()).containsExactly(TraceLayout.dayOf(DAY));

			assertThat(storage.list(TraceQuery.newest()).items()).isEmpty();
			assertThat(this.root.resolve("2026-11-21")).doesNotExist();
			assertThat(storage.sizeByDay()).isEmpty();
		}
	}

	@Test
	void aTraceStoredAgainReplacesItsSealedCopyEvenWhenTheIndexCacheDroppedIt() throws IOException {
		// small segments and a cache of 10 entries: most sealed indexes are not in memory
		SegmentSettings settings = new SegmentSettings(false, 4 * 1024, 16 * 1024, Duration.ofHours(1),
				Duration.ofSeconds(5), 10);
		List<Trace> traces = new ArrayList<>();
		try (SegmentTraceStorage storage = open(settings)) {
			for (int b = 0; b < 12; b++) {
				List<Trace> batch = new ArrayList<>();
				for (int i = 0; i < 50; i++) {
					batch.add(TestTraces.trace(DAY.plusSeconds(b * 60L + i)));
				}
				storage.storeAll(batch);
				traces.addAll(batch);
			}
			assertThat(files(SegmentFiles.SEGMENT)).as("sealed segments").hasSizeGreaterThan(3);
			Trace first = traces.get(3);
			Trace again = first.withEvents(first.events(), first.droppedEvents() + 7);

			assertThat(storage.storeAll(List.of(again, TestTraces.trace(DAY.plusSeconds(5000)))).allStored()).isTrue();

			assertThat(storage.retrieve(first.id())).contains(again);
			assertThat(storage.list(TraceQuery.builder().limit(1000).build()).items())
				.hasSize(traces.size() + 1)
				.filteredOn((summary) -> summary.id().equals(first.id()))
				.hasSize(1);

			// in the segment sealed last, whose ids the writer keeps instead of reading its index
			storage.sealOpenSegments();
			Trace last = traces.get(traces.size() - 1);
			Trace lastAgain = last.withEvents(last.events(), last.droppedEvents() + 3);
			assertThat(storage.store(lastAgain)).isPositive();
			assertThat(storage.retrieve(last.id())).contains(lastAgain);
			assertThat(storage.list(TraceQuery.builder().limit(1000).build()).items())
				.hasSize(traces.size() + 1)
				.filteredOn((summary) -> summary.id().equals(last.id()))
				.hasSize(1);
		}
		Trace first = traces.get(3);
		try (SegmentTraceStorage reopened = open(settings)) {
			assertThat(reopened.retrieve(first.id()).orElseThrow().droppedEvents())
				.isEqualTo(first.droppedEvents() + 7);
		}
	}

	@Test
	void segmentsStartedAfterADayWasListedAreRead() throws IOException {
		// day listings are reused while nothing changed: the segments rolled since must be seen
		SegmentSettings small = new SegmentSettings(false, 4 * 1024, 16 * 1024, Duration.ofHours(1),
				Duration.ofSeconds(5), 1000);
		try (SegmentTraceStorage storage = open(small)) {
			Trace first = TestTraces.trace(DAY.plusSeconds(1));
			storage.store(first);
			assertThat(storage.retrieve(first.id())).contains(first);
			List<Trace> later = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				later.add(TestTraces.trace(DAY.plusSeconds(10 + i)));
			}
			for (int i = 0; i < later.size(); i += 5) {
				storage.storeAll(later.subList(i, i + 5));
			}

			assertThat(files(SegmentFiles.SEGMENT)).as("rolled").isNotEmpty();
			for (Trace trace : later) {
				assertThat(storage.retrieve(trace.id())).contains(trace);
			}
			assertThat(storage.list(TraceQuery.builder().limit(100).build()).items()).hasSize(41);
		}
	}

	@Test
	void aReaderInterruptedWhileListingAnOpenSegmentLeavesTheWriterWorking() {
		Trace first = TestTraces.trace(DAY.plusSeconds(1));
		Trace second = TestTraces.trace(DAY.plusSeconds(2));
		try (SegmentTraceStorage storage = open(SegmentSettings.DEFAULT)) {
			storage.store(first);
			// an interrupted thread that read the writer's own channel would close it for good
			Thread.currentThread().interrupt();
			try {
				assertThat(storage.list(TraceQuery.builder().build()).items()).extracting(TraceSummary::id)
					.containsExactly(first.id());
			}
			finally {
				Thread.interrupted();
			}
			storage.store(second);
			assertThat(storage.list(TraceQuery.builder().build()).items()).extracting(TraceSummary::id)
				.containsExactly(second.id(), first.id());
		}
		assertThat(this.warnings).isEmpty();
		try (SegmentTraceStorage storage = open(SegmentSettings.DEFAULT)) {
			assertThat(storage.retrieve(first.id())).contains(first);
			assertThat(storage.retrieve(second.id())).contains(second);
		}
	}

	@Test
	void aSealedSegmentAndItsIndexAreHandedToTheListenerAndReadableAsTheyAre() throws IOException {
		List<Path> sealed = new CopyOnWriteArrayList<>();
		Trace trace = TestTraces.trace(DAY.plusSeconds(5));
		try (SegmentTraceStorage storage = SegmentTraceStorage.open(this.root, SegmentSettings.DEFAULT,
				(day, segment, index) -> {
					assertThat(day).isEqualTo(java.time.LocalDate.of(2026, 11, 21));
					sealed.add(segment);
					sealed.add(index);
				})) {
			storage.store(trace);
			assertThat(sealed).isEmpty();
		}
		assertThat(sealed).hasSize(2);
		// what an uploader would do: decode the index, then read one record by its location
		List<IndexEntry> entries = new ArrayList<>();
		IndexCodec.read(Files.readAllBytes(sealed.get(1)), SegmentFormat.HEADER_SIZE, entries::add);
		assertThat(entries).singleElement().satisfies((entry) -> assertThat(entry.summary()).isEqualTo(trace.summary()));
		byte[] json = SegmentFormat.readRecord(ByteSource.of(sealed.get(0)), entries.get(0).location());
		assertThat(io.chronotrace.core.trace.TraceCodec.get().readTrace(json)).isEqualTo(trace);
	}

	private SegmentTraceStorage open(SegmentSettings settings) {
		return SegmentTraceStorage.open(this.root, settings, this.warnings::add);
	}

	private List<Path> files(String suffix) throws IOException {
		try (Stream<Path> files = Files.walk(this.root)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(suffix)
					&& (suffix.equals(SegmentFiles.OPEN_SEGMENT) || !file.getFileName().toString().endsWith(SegmentFiles.OPEN_SEGMENT)))
				.toList();
		}
	}

}
