package io.chronotrace.core.storage.tiered;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.chronotrace.core.compress.Compression;
import io.chronotrace.core.storage.ForwardingTraceStorage;
import io.chronotrace.core.storage.StorageCheck;
import io.chronotrace.core.storage.StoredBytes;
import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.TraceStorageContractTests;
import io.chronotrace.core.storage.TraceStorageException;
import io.chronotrace.core.storage.local.LocalFileSystemTraceStorage;
import io.chronotrace.core.storage.memory.InMemoryTraceStorage;
import io.chronotrace.core.storage.segment.SegmentSettings;
import io.chronotrace.core.storage.segment.SegmentTraceStorage;
import io.chronotrace.core.trace.TestTraces;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceAttachment;
import io.chronotrace.core.trace.TraceError;
import io.chronotrace.core.trace.TraceSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tiered storage with a local hot tier and an in-memory cold tier passes the storage contract,
 * sends failed requests to the cold tier at once, and its mover moves old traces without
 * losing or duplicating any, even when it stops between the copy and the delete.
 */
class TieredTraceStorageTests extends TraceStorageContractTests {

	private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

	@TempDir
	Path hotDirectory;

	private LocalFileSystemTraceStorage hot;

	private InMemoryTraceStorage cold;

	@Override
	protected TraceStorage createStorage() {
		this.hot = new LocalFileSystemTraceStorage(this.hotDirectory, Compression.DEFAULT);
		this.cold = new InMemoryTraceStorage(100_000);
		return new TieredTraceStorage(this.hot, this.cold);
	}

	@Override
	protected StoredBytes storedBytes() {
		return new StoredBytes().files(this.hotDirectory).served(this.cold);
	}

	private TieredTraceStorage tiered() {
		return (TieredTraceStorage) this.storage;
	}

	private TierMover mover(TieredTraceStorage storage) {
		return new TierMover(storage, Duration.ofHours(1), Clock.fixed(NOW, ZoneOffset.UTC));
	}

	@Test
	void tracesOfFailedRequestsGoToTheColdTierAtOnceOthersStayHot() {
		Trace ok = TestTraces.trace(NOW.minusSeconds(5), 200);
		Trace serverError = TestTraces.trace(NOW.minusSeconds(4), 503);
		Trace exception = TestTraces.full(NOW.minusSeconds(3), this.attachmentDir);
		assertThat(exception.exception()).isNotNull();

		this.storage.storeAll(List.of(ok, serverError, exception));

		assertThat(this.cold.retrieve(ok.id())).isEmpty();
		assertThat(this.cold.retrieve(serverError.id())).contains(serverError);
		assertThat(this.cold.retrieve(exception.id())).contains(exception.withoutAttachments());
		assertThat(this.cold.openAttachment(exception.id(), exception.attachments().get(0).name())).isPresent();
		assertThat(this.hot.retrieve(ok.id())).contains(ok);
		assertThat(listAll(TraceQuery.builder())).extracting(TraceSummary::id)
			.containsExactly(exception.id(), serverError.id(), ok.id());
	}

	@Test
	void theMoverMovesTracesOlderThanTheHotRetentionWithTheirAttachments() throws IOException {
		Trace old = TestTraces.full(NOW.minus(2, ChronoUnit.HOURS), this.attachmentDir);
		Trace oldOk = TestTraces.trace(NOW.minus(61, ChronoUnit.MINUTES), 200);
		Trace recent = TestTraces.trace(NOW.minus(59, ChronoUnit.MINUTES), 200);
		TraceAttachment attachment = old.attachments().get(0);
		byte[] content = Files.readAllBytes(attachment.file());
		this.storage.storeAll(List.of(old, oldOk, recent));

		assertThat(mover(tiered()).moveDue()).isEqualTo(2);

		assertThat(this.hot.retrieve(old.id())).isEmpty();
		assertThat(this.hot.retrieve(oldOk.id())).isEmpty();
		assertThat(this.hot.retrieve(recent.id())).contains(recent);
		assertThat(this.cold.retrieve(oldOk.id())).contains(oldOk);
		assertThat(this.cold.retrieve(recent.id())).isEmpty();
		try (InputStream in = this.storage.openAttachment(old.id(), attachment.name()).orElseThrow()) {
			assertThat(in.readAllBytes()).isEqualTo(content);
		}
		assertThat(listAll(TraceQuery.builder())).extracting(TraceSummary::id)
			.containsExactly(recent.id(), oldOk.id(), old.id());
		assertThat(mover(tiered()).moveDue()).isZero();
	}

	@Test
	void aTraceTheColdTierRefusesStaysHot() {
		Trace old = TestTraces.trace(NOW.minus(2, ChronoUnit.HOURS), 200);
		TraceStorage refusing = new ForwardingTraceStorage<>(this.cold) {
			@Override
			public long store(Trace trace) {
				throw new TraceStorageException("cold storage is down", null, true);
			}
		};
		TieredTraceStorage storage = new TieredTraceStorage(this.hot, refusing);
		storage.store(old);

		assertThatExceptionOfType(TraceStorageException.class).isThrownBy(() -> mover(storage).moveDue());

		assertThat(this.hot.retrieve(old.id())).contains(old);
		assertThat(this.cold.retrieve(old.id())).isEmpty();
	}

	@Test
	void aMoverStoppedBetweenCopyAndDeleteLosesNothingAndListsNothingTwice() {
		List<Trace> traces = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			traces.add(TestTraces.trace(NOW.minus(90, ChronoUnit.MINUTES).plusSeconds(i), (i % 7 == 0) ? 500 : 200));
		}
		traces.add(TestTraces.trace(NOW.minusSeconds(10), 200));
		this.storage.storeAll(traces);
		// the cold tier confirms every copy; the process dies before the 11th delete from hot
		AtomicBoolean dead = new AtomicBoolean();
		int[] deletes = { 0 };
		TraceStorage dyingHot = new ForwardingTraceStorage<>(this.hot) {
			@Override
			public boolean delete(io.chronotrace.core.trace.TraceId id) {
				if (++deletes[0] > 10) {
					dead.set(true);
					throw new IllegalStateException("killed");
				}
				return super.delete(id);
			}
		};
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> mover(new TieredTraceStorage(dyingHot, this.cold)).moveDue());
		assertThat(dead).isTrue();

		// reopened: the same directory and the same cold tier
		TieredTraceStorage reopened = new TieredTraceStorage(
				new LocalFileSystemTraceStorage(this.hotDirectory, Compression.DEFAULT), this.cold);
		this.storage = reopened;
		assertThat(listAll(TraceQuery.builder().limit(7))).doesNotHaveDuplicates()
			.containsExactlyElementsOf(expected(traces, (trace) -> true));
		traces.forEach((trace) -> assertThat(reopened.retrieve(trace.id())).contains(trace));

		assertThat(mover(reopened).moveDue()).isEqualTo(20);

		assertThat(listAll(TraceQuery.builder().limit(7))).doesNotHaveDuplicates()
			.containsExactlyElementsOf(expected(traces, (trace) -> true));
		assertThat(this.hot.list(TraceQuery.newest()).items()).extracting(TraceSummary::id)
			.containsExactly(traces.get(30).id());
		assertThat(this.cold.list(TraceQuery.builder().limit(100).build()).items()).hasSize(30);
	}

	@Test
	@SuppressWarnings("unchecked")
	void healthShowsBothTiersAndIsDownWhenEitherIs() {
		TraceStorage downCold = new ForwardingTraceStorage<>(this.cold) {
			@Override
			public StorageCheck check() {
				return StorageCheck.down("bucket not found");
			}
		};

		StorageCheck up = this.storage.check();
		StorageCheck down = new TieredTraceStorage(this.hot, downCold).check();

		assertThat(up.up()).isTrue();
		assertThat(up.details()).containsKeys("hot", "cold");
		assertThat((Map<String, Object>) up.details().get("hot")).containsEntry("status", "UP").containsEntry("storage", "local");
		assertThat((Map<String, Object>) up.details().get("cold")).containsEntry("status", "UP").containsEntry("storage", "memory");
		assertThat(down.up()).isFalse();
		assertThat(down.reason()).isEqualTo("cold tier (memory): bucket not found");
		assertThat((Map<String, Object>) down.details().get("cold")).containsEntry("status", "DOWN")
			.containsEntry("reason", "bucket not found");
		assertThat(this.storage.description().type()).isEqualTo("tiered");
	}

	@Test
	void theMoverGetsPastMoreDeletedTracesThanAListingLooksAt() {
		// the segment layout keeps a deleted (moved) trace as a tombstone its listing still looks at
		SegmentTraceStorage segments = SegmentTraceStorage.open(this.hotDirectory.resolve("segments"),
				SegmentSettings.DEFAULT);
		try {
			TieredTraceStorage tiered = new TieredTraceStorage(segments, this.cold);
			List<Trace> old = new ArrayList<>();
			for (int i = 0; i < TraceQuery.DEFAULT_SCAN_LIMIT + 100; i++) {
				old.add(TestTraces.trace(NOW.minus(2, ChronoUnit.HOURS).plusMillis(i), 200));
			}
			tiered.storeAll(old);
			// the newest are deleted already, as by an earlier pass that stopped
			old.subList(50, old.size()).forEach((trace) -> segments.delete(trace.id()));

			assertThat(mover(tiered).moveDue()).isEqualTo(50);
			assertThat(this.cold.retrieve(old.get(0).id())).isPresent();
		}
		finally {
			segments.close();
		}
	}

	@Test
	void isCriticalMeansAServerErrorOrAnException() {
		assertThat(TieredTraceStorage.isCritical(TestTraces.trace(NOW, 500))).isTrue();
		assertThat(TieredTraceStorage.isCritical(TestTraces.trace(NOW, 499))).isFalse();
		Trace withException = TestTraces.trace(NOW, 200);
		withException = withException.withExchange(withException.request(), withException.response(),
				new TraceError("java.lang.IllegalStateException", "boom", List.of(), 0, null));
		assertThat(TieredTraceStorage.isCritical(withException)).isTrue();
	}

}
