package io.chronotrace.actuate.health;

import java.time.Instant;

import io.chronotrace.core.storage.CachedStorageCheck;
import io.chronotrace.core.storage.StorageCheck;
import io.chronotrace.core.storage.StorageDescription;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.write.AsyncTraceWriter;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Reports whether trace storage works, as {@code components.chronotrace} of
 * {@code /actuator/health}: from the storage's cheap check (reachable and authorised), or from
 * its write probe (a write, read and delete) when {@code chronotrace.health.write-probe} is on.
 * The check runs at most every 10 seconds, in the background ({@link CachedStorageCheck}):
 * reading health returns the last result at once, with its time and age ({@code checkedAt},
 * {@code checkAgeMillis}), so that polling health costs the storage nothing more. Details:
 * storage type and location, which check ran ({@code check}: {@code reachable} or
 * {@code write-probe}), the async queue's depth and capacity, and the traces dropped.
 */
public class ChronoTraceHealthIndicator extends AbstractHealthIndicator {

	private final TraceStorage storage;

	private final CachedStorageCheck checks;

	private final @Nullable AsyncTraceWriter writer;

	private final boolean writeProbe;

	/**
	 * Creates an indicator.
	 * @param storage the storage to check
	 * @param writer the async writer, {@code null} when traces are stored synchronously
	 * @param writeProbe whether to run the storage's write probe rather than its cheap check
	 */
	public ChronoTraceHealthIndicator(TraceStorage storage, @Nullable AsyncTraceWriter writer, boolean writeProbe) {
		this(storage, new CachedStorageCheck(storage, writeProbe), writer, writeProbe);
	}

	/**
	 * Creates an indicator that reports the results of a cached check.
	 * @param storage the storage
	 * @param checks runs the storage's check at most once per interval
	 * @param writer the async writer, {@code null} when traces are stored synchronously
	 * @param writeProbe whether the checks run the write probe, as the details say
	 */
	public ChronoTraceHealthIndicator(TraceStorage storage, CachedStorageCheck checks,
			@Nullable AsyncTraceWriter writer, boolean writeProbe) {
		super("ChronoTrace storage health check failed");
		this.storage = storage;
		this.checks = checks;
		this.writer = writer;
		this.writeProbe = writeProbe;
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
		StorageDescription description = this.storage.description();
		builder.withDetail("storage", description.type())
			.withDetail("location", description.location())
			.withDetail("check", this.writeProbe ? "write-probe" : "reachable");
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
