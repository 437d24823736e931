package io.chronotrace.core.retention;

/**
 * What one purge removed.
 *
 * @param expired traces removed because they were older than the retention period (or day
 * folders, for backends that cannot count traces cheaply)
 * @param overCap traces removed because the total size exceeded the cap
 */
public record PurgeResult(int expired, int overCap) {

	/**
	 * Everything removed.
	 * @return the sum
	 */
	public int total() {
		return this.expired + this.overCap;
	}

}
