package io.chronotrace.actuate.health;

import java.util.concurrent.atomic.AtomicInteger;

import io.chronotrace.core.storage.ForwardingTraceStorage;
import io.chronotrace.core.storage.StorageCheck;
import io.chronotrace.core.storage.memory.InMemoryTraceStorage;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

class ChronoTraceHealthIndicatorTests {

	@Test
	void healthReadManyTimesProbesTheStorageOnceAndShowsTheResultsAge() {
		AtomicInteger probes = new AtomicInteger();
		ForwardingTraceStorage<InMemoryTraceStorage> storage = new ForwardingTraceStorage<>(new InMemoryTraceStorage(10)) {
			@Override
			public StorageCheck check() {
				probes.incrementAndGet();
				return StorageCheck.down("disk full: No space left on device");
			}
		};
		ChronoTraceHealthIndicator indicator = new ChronoTraceHealthIndicator(storage, null, false);

		Health health = null;
		for (int i = 0; i < 50; i++) {
			health = indicator.health(true);
		}

		assertThat(probes).hasValue(1);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("reason", "disk full: No space left on device")
			.containsKeys("checkedAt", "checkAgeMillis");
	}

}
