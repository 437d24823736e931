package io.chronotrace.core.retention;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.SortedMap;

import io.chronotrace.core.storage.PurgeResult;
import io.chronotrace.core.storage.TraceLayout;
import io.chronotrace.core.storage.TraceStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a {@link RetentionPolicy} to a storage: first purges what is older than the
 * retention period, then, when a size cap is set and exceeded, purges the oldest remaining
 * days one at a time until the total fits (the current day is never purged for size).
 */
public final class TracePurger {

	private static final Logger logger = LoggerFactory.getLogger(TracePurger.class);

	private final TraceStorage storage;

	private final RetentionPolicy policy;

	private final Clock clock;

	public TracePurger(TraceStorage storage, RetentionPolicy policy, Clock clock) {
		this.storage = storage;
		this.policy = policy;
		this.clock = clock;
	}

	/**
	 * Runs one purge.
	 * @return what was removed
	 * @throws io.chronotrace.core.storage.TraceStorageException when the storage fails
	 */
	public RetentionResult purge() {
		Instant now = this.clock.instant();
		Instant cutoff = now.minus(this.policy.maxAge());
		PurgeResult expired = this.storage.purgeOlderThan(cutoff);
		PurgeResult overCap = (this.policy.maxTotalBytes() != null) ? purgeOverCap(this.policy.maxTotalBytes(), now)
				: PurgeResult.NOTHING;
		logger.info("Purged {} from {} storage, older than {} days{}", expired.describe(),
				this.storage.description().type(), this.policy.retentionDays(),
				overCap.isEmpty() ? "" : ", and " + overCap.describe() + " to stay under the size cap");
		return new RetentionResult(expired, overCap);
	}

	private PurgeResult purgeOverCap(long cap, Instant now) {
		SortedMap<LocalDate, Long> sizes = this.storage.sizeByDay();
		long total = sizes.values().stream().mapToLong(Long::longValue).sum();
		LocalDate today = TraceLayout.dayOf(now);
		PurgeResult purged = PurgeResult.NOTHING;
		for (Map.Entry<LocalDate, Long> day : sizes.entrySet()) {
			if (total <= cap) {
				break;
			}
			if (!day.getKey().isBefore(today)) {
				logger.warn("Trace storage holds {} bytes, over the cap of {} bytes, but only today's traces are left",
						total, cap);
				break;
			}
			purged = purged.plus(this.storage.purgeOlderThan(TraceLayout.startOf(day.getKey().plusDays(1))));
			total -= day.getValue();
		}
		return purged;
	}

}
