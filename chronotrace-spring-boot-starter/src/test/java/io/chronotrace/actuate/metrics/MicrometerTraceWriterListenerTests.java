package io.chronotrace.actuate.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import io.chronotrace.core.storage.PurgeResult;
import io.chronotrace.core.storage.StorageCheck;
import io.chronotrace.core.storage.TracePage;
import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.TraceStorageException;
import io.chronotrace.core.storage.memory.InMemoryTraceStorage;
import io.chronotrace.core.trace.TestTraces;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.write.AsyncTraceWriter;
import io.chronotrace.core.write.StoringTraceWriter;
import io.chronotrace.core.write.WriterSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The meters count what happened to each trace: as many recorded, stored, failed and dropped
 * as there were, through the real writer.
 */
class MicrometerTraceWriterListenerTests {

	private static final Instant START = Instant.parse("2025-03-10T10:00:00Z");

	private final MeterRegistry registry = new SimpleMeterRegistry();

	private final MicrometerTraceWriterListener listener = new MicrometerTraceWriterListener(this.registry);

	@Test
	void countsRecordedAndStoredTracesAndTheirBytes() {
		// a storage that reports 1000 bytes written per trace
		try (AsyncTraceWriter writer = writer(new StoreOnly((trace) -> 1000), 10)) {
			for (int i = 0; i < 3; i++) {
				writer.write(TestTraces.trace(START.plusMillis(i)));
			}
		}
		assertThat(count("chronotrace.traces.recorded")).isEqualTo(3);
		assertThat(count("chronotrace.traces.stored")).isEqualTo(3);
		assertThat(this.registry.get("chronotrace.storage.write").timer().count()).isEqualTo(3);
		assertThat(count("chronotrace.storage.bytes.written")).isEqualTo(3000);
		assertThat(count("chronotrace.traces.failed")).isZero();
		assertThat(dropped("queue_full") + dropped("shutdown")).isZero();
	}

	@Test
	void countsTracesTheStorageFailedToStore() {
		TraceStorage failing = new StoreOnly((trace) -> {
			throw new TraceStorageException("disk full", null);
		});
		try (AsyncTraceWriter writer = writer(failing, 10)) {
			writer.write(TestTraces.trace(START));
			writer.write(TestTraces.trace(START.plusMillis(1)));
		}
		assertThat(count("chronotrace.traces.recorded")).isEqualTo(2);
		assertThat(count("chronotrace.traces.failed")).isEqualTo(2);
		assertThat(count("chronotrace.traces.stored")).isZero();
		assertThat(count("chronotrace.storage.bytes.written")).isZero();
	}

	@Test
	void countsTracesDroppedForAFullQueueByReason() throws InterruptedException {
		CountDownLatch storing = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		InMemoryTraceStorage memory = new InMemoryTraceStorage(10);
		TraceStorage slow = new StoreOnly((trace) -> {
			storing.countDown();
			try {
				release.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return memory.store(trace);
		});
		try (AsyncTraceWriter writer = writer(slow, 1)) {
			writer.write(TestTraces.trace(START));
			assertThat(storing.await(10, TimeUnit.SECONDS)).isTrue();
			writer.write(TestTraces.trace(START.plusMillis(1))); // waits in the queue
			writer.write(TestTraces.trace(START.plusMillis(2))); // no room
			writer.write(TestTraces.trace(START.plusMillis(3))); // no room
			release.countDown();
		}
		assertThat(dropped("queue_full")).isEqualTo(2);
		assertThat(dropped("shutdown")).isZero();
		assertThat(count("chronotrace.traces.stored")).isEqualTo(2);
	}

	private AsyncTraceWriter writer(TraceStorage storage, int capacity) {
		WriterSettings settings = new WriterSettings(capacity, 64 * 1024 * 1024, 1, WriterSettings.QueueFallback.DROP,
				Duration.ofSeconds(10));
		return new AsyncTraceWriter(new StoringTraceWriter(storage, this.listener), settings, this.listener);
	}

	/** A storage whose store is given; the rest is never called by the writer. */
	private record StoreOnly(ToLongFunction<Trace> store) implements TraceStorage {

		@Override
		public long store(Trace trace) {
			return this.store.applyAsLong(trace);
		}

		@Override
		public Optional<Trace> retrieve(TraceId id) {
			return Optional.empty();
		}

		@Override
		public TracePage list(TraceQuery query) {
			return TracePage.of(List.of(), query);
		}

		@Override
		public boolean delete(TraceId id) {
			return false;
		}

		@Override
		public PurgeResult purgeOlderThan(Instant cutoff) {
			return PurgeResult.NOTHING;
		}

		@Override
		public StorageCheck check() {
			return StorageCheck.ok();
		}

	}

	private double count(String name) {
		return this.registry.get(name).counter().count();
	}

	private double dropped(String reason) {
		return this.registry.get("chronotrace.traces.dropped").tag("reason", reason).counter().count();
	}

}
