package io.chronotrace.core.storage;

/**
 * What the spool of a remote storage has done since it started, for metrics
 * ({@link TraceStorage#spoolStatistics()}): the local disk that keeps traces while the remote
 * cannot be reached, or until they are uploaded. Counts only grow.
 *
 * @param spooled traces written to the spool because the remote storage failed or was known
 * to be down
 * @param uploaded traces uploaded from the spool to the remote storage
 * @param failed traces lost to an error that spooling cannot help: the remote storage refused
 * them (a 4xx such as access denied), the spool could not be written, or a spooled trace could
 * not be read back
 * @param dropped traces not spooled because the spool was full
 * @param spoolBytes bytes the spool holds now (traces left by an earlier run included)
 * @param maxBytes the most bytes the spool may hold
 * @param remoteAvailable whether the remote storage is taking traces, rather than the spool
 */
public record SpoolStatistics(long spooled, long uploaded, long failed, long dropped, long spoolBytes, long maxBytes,
		boolean remoteAvailable) {

	/**
	 * The statistics of two spools together, such as those of two tiers.
	 * @param other the other spool's statistics
	 * @return the sums; the remote is available when both are
	 */
	public SpoolStatistics plus(SpoolStatistics other) {
		return new SpoolStatistics(this.spooled + other.spooled, this.uploaded + other.uploaded,
				this.failed + other.failed, this.dropped + other.dropped, this.spoolBytes + other.spoolBytes,
				this.maxBytes + other.maxBytes, this.remoteAvailable && other.remoteAvailable);
	}

}
