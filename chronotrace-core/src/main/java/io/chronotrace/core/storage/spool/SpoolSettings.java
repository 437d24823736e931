package io.chronotrace.core.storage.spool;

import java.time.Duration;
import java.util.Objects;

/**
 * How much a spool may hold and how often it retries the remote storage.
 *
 * @param maxBytes the most bytes the spool may hold; beyond, traces are dropped and counted
 * @param retryInterval the longest wait between two attempts to upload while the remote fails:
 * the first retry comes after a second, and each wait doubles up to this
 */
public record SpoolSettings(long maxBytes, Duration retryInterval) {

	public SpoolSettings {
		Objects.requireNonNull(retryInterval, "retryInterval");
		if (maxBytes < 1) {
			throw new IllegalArgumentException("spool max size must be positive, was " + maxBytes);
		}
		if (retryInterval.isNegative() || retryInterval.isZero()) {
			throw new IllegalArgumentException("spool retry interval must be positive, was " + retryInterval);
		}
	}

}
