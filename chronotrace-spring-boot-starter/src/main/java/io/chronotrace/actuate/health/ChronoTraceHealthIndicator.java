package io.chronotrace.actuate.health;

import java.time.Instant;

import io.chronotrace.core.storage.CachedStorageCheck;
import io.chronotrace.core.storage.StorageCheck;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.write.AsyncTraceWriter;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Reports whether trace storage works, from the storage's own real check (a write, read and
 * delete of a probe), as {@code components.chronotrace} of {@code /actuator/health}. The probe
 * runs at most every 10 seconds, in the background ({@link CachedStorageCheck}): reading health
 * returns the last result at once, with its time and age ({@code checkedAt}, {@code checkAgeMillis}),
 * so that a probe polling health costs the storage nothing more. Details: storage type and
 * location, the async queue's depth and capacity, and the traces dropped.
 */
public class ChronoTraceHealthIndicator extends AbstractHealthIndicator {

	private final TraceStorage storage;

	private final CachedStorageCheck checks;

	private final @Nullable AsyncTraceWriter writer;

	/**
	 * Creates an indicator.
	 * @param storage the storage to check
	 * @param writer the async writer, {@code null} when traces are stored synchronously
	 */
	public ChronoTraceHealthIndicator(TraceStorage storage, @Nullable AsyncTraceWriter writer) {
		this(storage, new CachedStorageCheck(storage), writer);
	}

	/**
	 * Creates an indicator that reports the results of a cached check.
	 * @param storage the storage
	 * @param checks runs the storage's check at most once per interval
	 * @param writer the async writer, {@code null} when traces are stored synchronously
	 */
	public ChronoTraceHealthIndicator(TraceStorage storage, CachedStorageCheck checks,
			@Nullable AsyncTraceWriter writer) {
		super("ChronoTrace storage health check failed");
		this.storage = storage;
		this.checks = checks;
		this.writer = writer;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		CachedStorageCheck.Result result = this.checks.current();
		StorageCheck check = result.check();
		if (check.up()) {
			builder.up();
		}
		else {
			builder.down().withDetail("reason", check.reason());
		}
		builder.withDetail("storage", this.storage.type()).withDetail("location", this.storage.location());
		builder.withDetails(check.details());
		builder.withDetail("checkedAt", result.checkedAt().toString())
			.withDetail("checkAgeMillis", result.age(Instant.now()).toMillis());
		if (this.writer != null) {
			builder.withDetail("queueDepth", this.writer.queueDepth())
				.withDetail("queueCapacity", this.writer.settings().queueCapacity())
				.withDetail("dropped", this.writer.droppedCount());
		}
	}

}
