package io.chronotrace.core.retention;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import io.chronotrace.core.storage.PurgeResult;
import io.chronotrace.core.storage.StorageCheck;
import io.chronotrace.core.storage.TraceLayout;
import io.chronotrace.core.storage.TracePage;
import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TracePurgerTests {

	private static final Instant NOW = Instant.parse("2026-11-21T02:00:00Z");

	private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

	@Test
	void purgesWhatIsOlderThanTheRetentionPeriod() {
		DayStorage storage = new DayStorage(Map.of("2026-11-01", 100L, "2026-11-06", 100L, "2026-11-07", 100L,
				"2026-11-21", 100L));
		RetentionResult result = new TracePurger(storage, new RetentionPolicy(15, null), this.clock).purge();
		// 15 days before 2026-11-21T02:00 is 2026-11-06T02:00: days entirely before it go
		assertThat(storage.cutoffs).containsExactly(Instant.parse("2026-11-06T02:00:00Z"));
		assertThat(storage.days).containsOnlyKeys(LocalDate.parse("2026-11-06"), LocalDate.parse("2026-11-07"),
				LocalDate.parse("2026-11-21"));
		assertThat(result.expired().days()).containsExactly(LocalDate.parse("2026-11-01"));
		assertThat(result.overCap().isEmpty()).isTrue();
	}

	@Test
	void purgesOldestDaysFirstUntilUnderTheCap() {
		DayStorage storage = new DayStorage(
				Map.of("2026-11-18", 400L, "2026-11-19", 300L, "2026-11-20", 200L, "2026-11-21", 100L));
		RetentionResult result = new TracePurger(storage, new RetentionPolicy(15, 350L), this.clock).purge();
		assertThat(storage.days).containsOnlyKeys(LocalDate.parse("2026-11-20"), LocalDate.parse("2026-11-21"));
		assertThat(result.overCap().days()).containsExactly(LocalDate.parse("2026-11-18"), LocalDate.parse("2026-11-19"));
		assertThat(result.total().days()).hasSize(2);
	}

	@Test
	void neverPurgesTodayForSize() {
		DayStorage storage = new DayStorage(Map.of("2026-11-20", 10L, "2026-11-21", 1000L));
		new TracePurger(storage, new RetentionPolicy(15, 500L), this.clock).purge();
		assertThat(storage.days).containsOnlyKeys(LocalDate.parse("2026-11-21"));
	}

	/** A storage that knows only day sizes, and counts no traces. */
	static final class DayStorage implements TraceStorage {

		final SortedMap<LocalDate, Long> days = new TreeMap<>();

		final List<Instant> cutoffs = new ArrayList<>();

		DayStorage(Map<String, Long> days) {
			days.forEach((day, size) -> this.days.put(LocalDate.parse(day), size));
		}

		@Override
		public PurgeResult purgeOlderThan(Instant cutoff) {
			this.cutoffs.add(cutoff);
			SortedMap<LocalDate, Long> purged = this.days.headMap(TraceLayout.dayOf(cutoff));
			PurgeResult result = PurgeResult.ofDays(purged.keySet());
			purged.clear();
			return result;
		}

		@Override
		public SortedMap<LocalDate, Long> sizeByDay() {
			return new TreeMap<>(this.days);
		}

		@Override
		public long store(Trace trace) {
			throw new UnsupportedOperationException("store");
		}

		@Override
		public Optional<Trace> retrieve(TraceId id) {
			return Optional.empty();
		}

		@Override
		public TracePage list(TraceQuery query) {
			return new TracePage(List.of(), null);
		}

		@Override
		public boolean delete(TraceId id) {
			return false;
		}

		@Override
		public StorageCheck check() {
			return StorageCheck.ok();
		}

	}

}
