package io.chronotrace.core.storage.spool;

/**
 * What a {@link SpoolingTraceStorage} has done since it started, for metrics. Counts only
 * grow.
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

}
