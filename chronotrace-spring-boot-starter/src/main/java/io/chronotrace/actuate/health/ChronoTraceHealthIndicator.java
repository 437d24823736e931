package io.chronotrace.actuate.health;

import io.chronotrace.core.storage.StorageCheck;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.write.AsyncTraceWriter;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Reports whether trace storage works, from the storage's own real check (a write, read and
 * delete of a probe), as {@code components.chronotrace} of {@code /actuator/health}. Details:
 * storage type and location, the async queue's depth and capacity, and the traces dropped.
 */
public class ChronoTraceHealthIndicator extends AbstractHealthIndicator {

	private final TraceStorage storage;

	private final @Nullable AsyncTraceWriter writer;

	/**
	 * Creates an indicator.
	 * @param storage the storage to check
	 * @param writer the async writer, {@code null} when traces are stored synchronously
	 */
	public ChronoTraceHealthIndicator(TraceStorage storage, @Nullable AsyncTraceWriter writer) {
		super("ChronoTrace storage health check failed");
		this.storage = storage;
		this.writer = writer;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		StorageCheck check = this.storage.check();
		if (check.up()) {
			builder.up();
		}
		else {
			builder.down().withDetail("reason", check.reason());
		}
		builder.withDetail("storage", this.storage.type()).withDetail("location", this.storage.location());
		builder.withDetails(check.details());
		if (this.writer != null) {
			builder.withDetail("queueDepth", this.writer.queueDepth())
				.withDetail("queueCapacity", this.writer.settings().queueCapacity())
				.withDetail("dropped", this.writer.droppedCount());
		}
	}

}
