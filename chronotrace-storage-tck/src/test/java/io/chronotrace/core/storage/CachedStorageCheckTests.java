package io.chronotrace.core.storage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.chronotrace.core.storage.memory.InMemoryTraceStorage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class CachedStorageCheckTests {

	private Instant now = Instant.parse("2026-11-21T10:00:00Z");

	private final Clock clock = new Clock() {

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return CachedStorageCheckTests.this.now;
		}

	};

	@Test
	void probesAtMostOncePerIntervalHoweverOftenHealthIsRead() {
		CountingStorage storage = new CountingStorage();
		CachedStorageCheck checks = new CachedStorageCheck(storage, Duration.ofSeconds(10), this.clock);

		for (int i = 0; i < 100; i++) {
			assertThat(checks.current().check().up()).isTrue();
		}

		assertThat(storage.checks).hasValue(1);
	}

	@Test
	void aStaleResultIsAnsweredAtOnceWhileTheNextProbeRunsInTheBackground() throws Exception {
		CountingStorage storage = new CountingStorage();
		CachedStorageCheck checks = new CachedStorageCheck(storage, Duration.ofSeconds(10), this.clock);
		CachedStorageCheck.Result first = checks.current();
		storage.down = true;
		storage.gate = new CountDownLatch(1);
		this.now = this.now.plusSeconds(11);

		// the probe is held at its gate: an answer at all proves health does not wait for it
		CachedStorageCheck.Result stale = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> checks.current());

		assertThat(stale).isSameAs(first);
		assertThat(stale.age(this.now)).isEqualTo(Duration.ofSeconds(11));
		storage.gate.countDown();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (checks.current().check().up()) {
			assertThat(System.nanoTime()).isLessThan(deadline);
			Thread.sleep(5);
		}
		assertThat(checks.current().check().reason()).isEqualTo("disk full: test");
		assertThat(storage.checks).hasValue(2);
	}

	static class CountingStorage extends ForwardingTraceStorage<InMemoryTraceStorage> {

		final AtomicInteger checks = new AtomicInteger();

		volatile boolean down;

		volatile CountDownLatch gate = new CountDownLatch(0);

		CountingStorage() {
			super(new InMemoryTraceStorage(10));
		}

		@Override
		public StorageCheck check() {
			try {
				this.gate.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.checks.incrementAndGet();
			return this.down ? StorageCheck.down("disk full: test") : StorageCheck.ok();
		}

	}

}
