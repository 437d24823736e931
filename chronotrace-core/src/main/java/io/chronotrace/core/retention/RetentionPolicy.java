package io.chronotrace.core.retention;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * How long traces are kept, and optionally how much disk or bucket space they may take.
 *
 * @param retentionDays days to keep traces; days entirely older than that are purged
 * @param maxTotalBytes the cap on the total size of stored traces, {@code null} for none; when
 * exceeded, the oldest days are purged first (never the current day)
 */
public record RetentionPolicy(int retentionDays, @Nullable Long maxTotalBytes) {

	public RetentionPolicy {
		if (retentionDays < 1) {
			throw new IllegalArgumentException("retention days must be at least 1, was " + retentionDays);
		}
		if (maxTotalBytes != null && maxTotalBytes < 1) {
			throw new IllegalArgumentException("max total size must be positive, was " + maxTotalBytes);
		}
	}

	/**
	 * The age beyond which traces are purged.
	 * @return the retention period
	 */
	public Duration maxAge() {
		return Duration.ofDays(this.retentionDays);
	}

}
