package io.chronotrace.core.retention;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SortedMap;

import io.chronotrace.core.compress.Compression;
import io.chronotrace.core.storage.PurgeResult;
import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.storage.local.LocalFileSystemTraceStorage;
import io.chronotrace.core.trace.TestTraces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention against real files: days older than the retention period go, then the oldest
 * days until the total size fits the cap.
 */
class TracePurgerOnLocalStorageTests {

	private static final Instant NOW = Instant.parse("2026-11-21T02:00:00Z");

	@TempDir
	Path root;

	@Test
	void purgesExpiredDaysThenOldestDaysOverTheCap() {
		LocalFileSystemTraceStorage storage = new LocalFileSystemTraceStorage(this.root, Compression.DEFAULT);
		for (int daysAgo = 0; daysAgo <= 20; daysAgo += 4) {
			for (int i = 0; i < 10; i++) {
				storage.store(TestTraces.trace(NOW.minusSeconds(daysAgo * 86_400L + 60 + i)));
			}
		}
		// days 20 and 16 ago are older than 15 days; of 12, 8, 4 and 0 days ago, keep what fits two days
		SortedMap<LocalDate, Long> before = storage.sizeByDay();
		long twoDays = before.get(day(4)) + before.get(day(0));
		RetentionResult result = new TracePurger(storage, new RetentionPolicy(15, twoDays + 1),
				Clock.fixed(NOW, ZoneOffset.UTC))
			.purge();

		assertThat(storage.sizeByDay()).containsOnlyKeys(day(4), day(0));
		assertThat(result.expired()).isEqualTo(PurgeResult.of(20, List.of(day(20), day(16))));
		assertThat(result.overCap()).isEqualTo(PurgeResult.of(20, List.of(day(12), day(8))));
		assertThat(storage.list(TraceQuery.builder().limit(100).build()).items()).hasSize(20);
	}

	private static LocalDate day(int daysAgo) {
		return LocalDate.ofInstant(NOW, ZoneOffset.UTC).minusDays(daysAgo);
	}

}
