package io.chronotrace.core.retention;

import io.chronotrace.core.storage.PurgeResult;

/**
 * What one run of the {@link TracePurger} removed.
 *
 * @param expired what was older than the retention period
 * @param overCap what was removed because the total size exceeded the cap
 */
public record RetentionResult(PurgeResult expired, PurgeResult overCap) {

	/**
	 * Everything removed.
	 * @return both together
	 */
	public PurgeResult total() {
		return this.expired.plus(this.overCap);
	}

}
