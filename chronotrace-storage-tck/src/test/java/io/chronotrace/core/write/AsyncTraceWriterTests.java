package io.chronotrace.core.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.chronotrace.core.storage.ForwardingTraceStorage;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.TraceStorageException;
import io.chronotrace.core.storage.memory.InMemoryTraceStorage;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceAttachment;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.write.TraceWriterListener.DropReason;
import io.chronotrace.core.write.WriterSettings.QueueFallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class AsyncTraceWriterTests {

	private final CountingListener listener = new CountingListener();

	private final List<AsyncTraceWriter> writers = new ArrayList<>();

	@AfterEach
	void closeWriters() {
		this.writers.forEach(AsyncTraceWriter::close);
	}

	@Test
	void requestThreadDoesNotWaitForSlowStorage() throws Exception {
		GatedStorage storage = new GatedStorage();
		AsyncTraceWriter writer = writer(storage, settings(10, QueueFallback.DROP));
		Trace trace = WriterTestTraces.trace();
		writer.write(trace);
		// the storage is still blocked, yet write returned
		assertThat(storage.delegate.retrieve(trace.id())).isEmpty();
		storage.open();
		awaitStored(storage.delegate, trace.id());
		assertThat(this.listener.recorded).hasValue(1);
		assertThat(this.listener.stored).hasValue(1);
	}

	@Test
	void aPendingTraceIsFinishedOnAWriterThreadNotTheCallers() throws Exception {
		InMemoryTraceStorage storage = new InMemoryTraceStorage(100);
		AsyncTraceWriter writer = writer(storage, settings(10, QueueFallback.DROP));
		Trace trace = WriterTestTraces.trace();
		List<String> finishedOn = new java.util.concurrent.CopyOnWriteArrayList<>();
		writer.write(pending(trace, () -> finishedOn.add(Thread.currentThread().getName()), new AtomicInteger()));
		awaitStored(storage, trace.id());
		assertThat(finishedOn).singleElement().asString().startsWith("chronotrace-writer");
	}

	@Test
	void aDroppedPendingTraceIsDiscardedUnfinishedAndOneThatFailsToFinishIsCounted() {
		GatedStorage storage = new GatedStorage();
		AsyncTraceWriter writer = writer(storage, settings(1, QueueFallback.DROP));
		writer.write(WriterTestTraces.trace());
		storage.awaitWriterBlocked();
		writer.write(WriterTestTraces.trace());
		AtomicInteger finished = new AtomicInteger();
		AtomicInteger discarded = new AtomicInteger();
		writer.write(pending(WriterTestTraces.trace(), finished::incrementAndGet, discarded));
		assertThat(finished).as("a dropped trace is not finished").hasValue(0);
		assertThat(discarded).hasValue(1);
		storage.open();
		// the queue holds one: the failing trace must not find it still full, or it is dropped instead
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> this.listener.stored.get() == 2);
		AtomicInteger failedDiscarded = new AtomicInteger();
		writer.write(pending(WriterTestTraces.trace(), () -> {
			throw new IllegalStateException("cannot finish");
		}, failedDiscarded));
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> this.listener.failed.get() == 1);
		assertThat(failedDiscarded).hasValue(1);
	}

	private static PendingTrace pending(Trace trace, Runnable onComplete, AtomicInteger discarded) {
		return new PendingTrace() {

			@Override
			public TraceId id() {
				return trace.id();
			}

			@Override
			public Trace complete() {
				onComplete.run();
				return trace;
			}

			@Override
			public long footprint() {
				return 1000;
			}

			@Override
			public void discard() {
				discarded.incrementAndGet();
			}

		};
	}

	@Test
	void fullQueueWithDropFallbackDropsAndCounts() {
		GatedStorage storage = new GatedStorage();
		AsyncTraceWriter writer = writer(storage, settings(2, QueueFallback.DROP));
		writer.write(WriterTestTraces.trace());
		storage.awaitWriterBlocked();
		for (int i = 1; i < 10; i++) {
			writer.write(WriterTestTraces.trace());
		}
		// one is held by the blocked writer thread, two wait in the queue
		assertThat(writer.droppedCount()).isEqualTo(7L);
		assertThat(this.listener.dropped).hasValue((int) writer.droppedCount());
		storage.open();
	}

	@Test
	void fullQueueWithSyncFallbackMakesTheRequestWaitForRoomAndLosesNothing() throws Exception {
		SlowStorage storage = new SlowStorage(Duration.ofMillis(2));
		AsyncTraceWriter writer = writer(storage, settings(2, QueueFallback.SYNC));
		List<Trace> traces = new ArrayList<>();
		List<Thread> requests = new ArrayList<>();
		for (int t = 0; t < 4; t++) {
			Thread request = new Thread(() -> {
				for (int i = 0; i < 25; i++) {
					Trace trace = WriterTestTraces.trace();
					synchronized (traces) {
						traces.add(trace);
					}
					writer.write(trace);
				}
			});
			requests.add(request);
			request.start();
		}
		for (Thread request : requests) {
			request.join();
		}
		writer.close();
		assertThat(writer.droppedCount()).isZero();
		// the writer kept up within the wait: the request threads never wrote beside it
		assertThat(storage.storedOnCaller).hasValue(0);
		assertThat(traces).hasSize(100)
			.allSatisfy((trace) -> assertThat(storage.delegate.retrieve(trace.id())).isPresent());
	}

	@Test
	void syncFallbackStoresOnTheCallingThreadWhenTheWriterIsStuck() {
		GatedStorage storage = new GatedStorage();
		storage.blockOnlyWriterThreads = true;
		AsyncTraceWriter writer = writer(storage,
				new WriterSettings(1, 64 << 20, 1, QueueFallback.SYNC, Duration.ofSeconds(10), Duration.ofMillis(50)));
		List<Trace> traces = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			Trace trace = WriterTestTraces.trace();
			traces.add(trace);
			writer.write(trace);
			if (i == 0) {
				// the writer thread takes the first trace alone and blocks on it
				storage.awaitWriterBlocked();
			}
		}
		assertThat(writer.droppedCount()).isZero();
		assertThat(storage.storedOnCaller.get()).isGreaterThanOrEqualTo(3);
		storage.open();
		traces.forEach((trace) -> awaitStored(storage.delegate, trace.id()));
	}

	@Test
	void queueIsBoundedByMemoryToo() {
		GatedStorage storage = new GatedStorage();
		AsyncTraceWriter writer = writer(storage,
				new WriterSettings(1000, 5000, 1, QueueFallback.DROP, Duration.ofSeconds(5)));
		for (int i = 0; i < 10; i++) {
			writer.write(WriterTestTraces.trace());
		}
		// each trace is estimated at about 2 KB: only two or three fit in 5 KB
		assertThat(writer.droppedCount()).isGreaterThanOrEqualTo(6);
		storage.open();
	}

	@Test
	void closeDrainsEveryAcceptedTrace() {
		SlowStorage storage = new SlowStorage(Duration.ofMillis(5));
		AsyncTraceWriter writer = writer(storage, settings(500, QueueFallback.DROP));
		List<TraceId> ids = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			Trace trace = WriterTestTraces.trace();
			ids.add(trace.id());
			writer.write(trace);
		}
		writer.close();
		assertThat(writer.droppedCount()).isZero();
		assertThat(ids).allSatisfy((id) -> assertThat(storage.delegate.retrieve(id)).isPresent());
	}

	@Test
	void closeGivesUpAfterTimeoutAndCountsWhatWasLeft() {
		GatedStorage storage = new GatedStorage();
		AsyncTraceWriter writer = writer(storage,
				new WriterSettings(100, 1 << 20, 1, QueueFallback.DROP, Duration.ofMillis(200)));
		writer.write(WriterTestTraces.trace());
		// the writer thread takes the first trace alone and blocks on it
		storage.awaitWriterBlocked();
		for (int i = 1; i < 20; i++) {
			writer.write(WriterTestTraces.trace());
		}
		writer.close();
		assertThat(writer.droppedCount()).isEqualTo(19);
		assertThat(this.listener.droppedForShutdown).hasValue(19);
		storage.open();
	}

	@Test
	void aReaderWaitsUntilWhatWasQueuedBeforeItIsStored() throws Exception {
		GatedStorage storage = new GatedStorage();
		AsyncTraceWriter writer = writer(storage, settings(10, QueueFallback.DROP));
		assertThat(writer.awaitStored(Duration.ZERO)).as("nothing queued").isTrue();
		Trace trace = WriterTestTraces.trace();
		writer.write(trace);
		assertThat(writer.awaitStored(Duration.ofMillis(100))).as("the storage is blocked").isFalse();
		java.util.concurrent.CompletableFuture<Boolean> waited = java.util.concurrent.CompletableFuture
			.supplyAsync(() -> writer.awaitStored(Duration.ofSeconds(10)));
		Thread.sleep(50);
		assertThat(waited).isNotDone();
		storage.open();
		assertThat(waited.get(10, TimeUnit.SECONDS)).isTrue();
		// the wait ended because the trace is stored, not before
		assertThat(storage.delegate.retrieve(trace.id())).isPresent();
	}

	@Test
	void aReaderDoesNotWaitForTracesQueuedAfterIt() throws Exception {
		SlowStorage storage = new SlowStorage(Duration.ofMillis(200));
		AsyncTraceWriter writer = writer(storage, settings(100, QueueFallback.DROP));
		Trace first = WriterTestTraces.trace();
		writer.write(first);
		java.util.concurrent.CompletableFuture<Boolean> waited = java.util.concurrent.CompletableFuture
			.supplyAsync(() -> writer.awaitStored(Duration.ofSeconds(10)));
		Thread.sleep(20);
		Trace last = null;
		for (int i = 0; i < 20; i++) {
			last = WriterTestTraces.trace();
			writer.write(last);
		}
		assertThat(waited.get(10, TimeUnit.SECONDS)).isTrue();
		assertThat(storage.delegate.retrieve(first.id())).isPresent();
		// the twenty traces after it take four seconds to store
		assertThat(storage.delegate.retrieve(last.id())).isEmpty();
	}

	@Test
	void droppedTracesEndTheWaitToo() {
		GatedStorage storage = new GatedStorage();
		AsyncTraceWriter writer = writer(storage, settings(1, QueueFallback.DROP));
		writer.write(WriterTestTraces.trace());
		storage.awaitWriterBlocked();
		writer.write(WriterTestTraces.trace());
		writer.write(WriterTestTraces.trace());
		assertThat(writer.droppedCount()).isEqualTo(1);
		storage.open();
		assertThat(writer.awaitStored(Duration.ofSeconds(10))).isTrue();
	}

	@Test
	void tracesWrittenAfterCloseAreStoredDirectly() {
		InMemoryTraceStorage storage = new InMemoryTraceStorage(10);
		AsyncTraceWriter writer = writer(storage, settings(10, QueueFallback.DROP));
		writer.close();
		Trace trace = WriterTestTraces.trace();
		writer.write(trace);
		assertThat(storage.retrieve(trace.id())).isPresent();
	}

	@Test
	void queuedTracesReachTheStorageInBatchesCountedOneByOne() {
		BatchRecordingStorage storage = new BatchRecordingStorage();
		AsyncTraceWriter writer = writer(storage, settings(1000, QueueFallback.DROP));
		List<Trace> traces = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			Trace trace = WriterTestTraces.trace();
			traces.add(trace);
			writer.write(trace);
		}
		storage.open();
		writer.close();

		traces.forEach((trace) -> assertThat(storage.retrieve(trace.id())).isPresent());
		assertThat(this.listener.stored).hasValue(300);
		assertThat(storage.batchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(300);
		// the first trace was taken alone by the waiting thread; the rest queued behind the gate
		assertThat(storage.batchSizes).hasSizeLessThanOrEqualTo(3)
			.allSatisfy((size) -> assertThat(size).isLessThanOrEqualTo(AsyncTraceWriter.MAX_BATCH_TRACES));
	}

	@Test
	void tracesThatFailInABatchAreCountedOneByOneAndTheOthersStored() {
		InMemoryTraceStorage delegate = new InMemoryTraceStorage(10_000);
		List<TraceId> failing = new ArrayList<>();
		TraceStorage storage = new ForwardingTraceStorage<>(delegate) {
			@Override
			public long store(Trace trace) {
				if (failing.contains(trace.id())) {
					throw new TraceStorageException("disk full", null);
				}
				return super.store(trace);
			}
		};
		StoringTraceWriter storer = new StoringTraceWriter(storage, this.listener);
		List<Trace> batch = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			batch.add(WriterTestTraces.trace());
		}
		failing.add(batch.get(1).id());
		failing.add(batch.get(3).id());

		assertThat(storer.storeAll(batch)).isEqualTo(3);
		assertThat(this.listener.stored).hasValue(3);
		assertThat(this.listener.failed).hasValue(2);
		assertThat(delegate.retrieve(batch.get(0).id())).isPresent();
		assertThat(delegate.retrieve(batch.get(1).id())).isEmpty();
	}

	@Test
	void storageFailureIsCountedAndAttachmentsReleased(@TempDir Path dir) throws IOException {
		Path body = Files.writeString(dir.resolve("body.tmp"), "large body");
		TraceStorage failing = new GatedStorage() {
			@Override
			public long store(Trace trace) {
				throw new TraceStorageException("disk full", null);
			}
		};
		Trace plain = WriterTestTraces.trace();
		Trace trace = new Trace(plain.schemaVersion(), plain.id(), plain.startTime(), 1, null, plain.request(),
				plain.response(), null, List.of(), 0, null, List.of(new TraceAttachment("request-body", body, 10)));
		AsyncTraceWriter writer = writer(failing, settings(10, QueueFallback.DROP));
		writer.write(trace);
		writer.close();
		assertThat(this.listener.failed).hasValue(1);
		assertThat(body).doesNotExist();
	}

	private AsyncTraceWriter writer(TraceStorage storage, WriterSettings settings) {
		AsyncTraceWriter writer = new AsyncTraceWriter(new StoringTraceWriter(storage, this.listener), settings,
				this.listener);
		this.writers.add(writer);
		return writer;
	}

	private static WriterSettings settings(int capacity, QueueFallback fallback) {
		return new WriterSettings(capacity, 64 << 20, 1, fallback, Duration.ofSeconds(10));
	}

	private static void awaitStored(TraceStorage storage, TraceId id) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (storage.retrieve(id).isEmpty()) {
			assertThat(System.nanoTime()).as("trace %s stored within 10s", id).isLessThan(deadline);
			Thread.onSpinWait();
		}
	}

	static class CountingListener implements TraceWriterListener {

		final AtomicInteger recorded = new AtomicInteger();

		final AtomicInteger stored = new AtomicInteger();

		final AtomicInteger dropped = new AtomicInteger();

		final AtomicInteger droppedForShutdown = new AtomicInteger();

		final AtomicInteger failed = new AtomicInteger();

		@Override
		public void recorded() {
			this.recorded.incrementAndGet();
		}

		@Override
		public void stored(Duration latency, long bytes) {
			this.stored.incrementAndGet();
		}

		@Override
		public void dropped(DropReason reason) {
			this.dropped.incrementAndGet();
			if (reason == DropReason.SHUTDOWN) {
				this.droppedForShutdown.incrementAndGet();
			}
		}

		@Override
		public void failed(Throwable failure) {
			this.failed.incrementAndGet();
		}

	}

	/** Blocks stores until opened. */
	static class GatedStorage extends ForwardingTraceStorage<InMemoryTraceStorage> {

		final CountDownLatch gate = new CountDownLatch(1);

		/** Counted down when a writer thread first blocks at the gate. */
		final CountDownLatch writerBlocked = new CountDownLatch(1);

		final AtomicInteger storedOnCaller = new AtomicInteger();

		volatile boolean blockOnlyWriterThreads;

		GatedStorage() {
			super(new InMemoryTraceStorage(10_000));
		}

		void open() {
			this.gate.countDown();
		}

		/** Waits until a writer thread holds a batch and is blocked storing it. */
		void awaitWriterBlocked() {
			try {
				if (!this.writerBlocked.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
					throw new AssertionError("no writer thread reached the storage within 10 s");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}

		@Override
		public long store(Trace trace) {
			boolean writerThread = Thread.currentThread().getName().startsWith("chronotrace-writer");
			if (!writerThread) {
				this.storedOnCaller.incrementAndGet();
			}
			if (writerThread || !this.blockOnlyWriterThreads) {
				if (writerThread) {
					this.writerBlocked.countDown();
				}
				try {
					this.gate.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new TraceStorageException("interrupted", ex);
				}
			}
			return super.store(trace);
		}

	}

	/** Blocks until opened, then records the size of each batch handed over. */
	static class BatchRecordingStorage extends GatedStorage {

		final List<Integer> batchSizes = java.util.Collections.synchronizedList(new ArrayList<>());

		@Override
		public io.chronotrace.core.storage.BatchStoreResult storeAll(List<Trace> traces) {
			try {
				this.gate.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.batchSizes.add(traces.size());
			return super.storeAll(traces);
		}

	}

	/** Takes a while to store each trace. */
	static class SlowStorage extends GatedStorage {

		private final Duration delay;

		SlowStorage(Duration delay) {
			this.delay = delay;
			open();
		}

		@Override
		public long store(Trace trace) {
			try {
				Thread.sleep(this.delay.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return super.store(trace);
		}

	}

}
