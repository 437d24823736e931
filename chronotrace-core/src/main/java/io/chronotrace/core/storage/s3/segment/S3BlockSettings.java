package io.chronotrace.core.storage.s3.segment;

import java.time.Duration;

import io.chronotrace.core.storage.segment.SegmentSettings;

/**
 * When local segments are sealed and uploaded as blocks, and how long closing tries to upload.
 * <p>
 * A block goes up when its segment reaches {@code maxSize} or {@code maxAge} (whichever comes
 * first), so a trace can be read from S3 by others at most about {@code maxAge} plus a few
 * seconds after it was stored while the application runs; the application that wrote it finds
 * it at once in its local segments.
 *
 * @param maxSize the size at which a segment is sealed and uploaded
 * @param maxAge the age at which a segment is sealed and uploaded
 * @param uploadInterval how often the uploader looks for sealed segments besides when one is
 * sealed (which wakes it at once)
 * @param shutdownTimeout how long closing tries to upload what is left before leaving it in
 * the spool for the next start
 * @param cachedIndexEntries the most index entries of uploaded blocks kept parsed in memory
 * (about 150 bytes each)
 * @param maxSpoolSize the most bytes the local segments may hold while they wait for upload;
 * beyond, new traces are dropped and counted
 * @param retryInterval the longest wait between two upload attempts while S3 fails (the first
 * retry comes after a second, and each wait doubles up to this)
 */
public record S3BlockSettings(long maxSize, Duration maxAge, Duration uploadInterval, Duration shutdownTimeout,
		int cachedIndexEntries, long maxSpoolSize, Duration retryInterval) {

	/** The default block size: 32 MB. */
	public static final long DEFAULT_MAX_SIZE = 32L * 1024 * 1024;

	/** The default block age: 60 seconds. */
	public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(60);

	/** The default spool size: 512 MB. */
	public static final long DEFAULT_MAX_SPOOL_SIZE = 512L * 1024 * 1024;

	/**
	 * 32 MB or 60 s blocks, a look for sealed segments every 5 s, 30 s to upload on close,
	 * 1,000,000 cached entries, a spool of 512 MB, retries at most 5 s apart.
	 */
	public static final S3BlockSettings DEFAULT = new S3BlockSettings(DEFAULT_MAX_SIZE, DEFAULT_MAX_AGE,
			Duration.ofSeconds(5), Duration.ofSeconds(30), 1_000_000, DEFAULT_MAX_SPOOL_SIZE, Duration.ofSeconds(5));

	public S3BlockSettings {
		if (maxSize < 64 * 1024) {
			throw new IllegalArgumentException("a block must be at least 64KB, was " + maxSize + " bytes");
		}
		if (maxAge.isNegative() || maxAge.isZero() || uploadInterval.isNegative() || uploadInterval.isZero()
				|| shutdownTimeout.isNegative()) {
			throw new IllegalArgumentException("block age and upload interval must be positive");
		}
		if (maxSpoolSize < 1) {
			throw new IllegalArgumentException("the spool size must be positive, was " + maxSpoolSize + " bytes");
		}
		if (retryInterval.isNegative() || retryInterval.isZero()) {
			throw new IllegalArgumentException("the retry interval must be positive, was " + retryInterval);
		}
	}

	/**
	 * A copy with another size and age.
	 * @param maxSize the size at which a segment is uploaded
	 * @param maxAge the age at which a segment is uploaded
	 * @return the copy
	 */
	public S3BlockSettings withBlock(long maxSize, Duration maxAge) {
		return new S3BlockSettings(maxSize, maxAge, this.uploadInterval, this.shutdownTimeout, this.cachedIndexEntries,
				this.maxSpoolSize, this.retryInterval);
	}

	/**
	 * A copy with another shutdown timeout.
	 * @param shutdownTimeout how long closing tries to upload
	 * @return the copy
	 */
	public S3BlockSettings withShutdownTimeout(Duration shutdownTimeout) {
		return new S3BlockSettings(this.maxSize, this.maxAge, this.uploadInterval, shutdownTimeout,
				this.cachedIndexEntries, this.maxSpoolSize, this.retryInterval);
	}

	/**
	 * A copy with another spool size.
	 * @param maxSpoolSize the most bytes the local segments may hold while they wait for upload
	 * @return the copy
	 */
	public S3BlockSettings withMaxSpoolSize(long maxSpoolSize) {
		return new S3BlockSettings(this.maxSize, this.maxAge, this.uploadInterval, this.shutdownTimeout,
				this.cachedIndexEntries, maxSpoolSize, this.retryInterval);
	}

	/**
	 * A copy with another retry interval.
	 * @param retryInterval the longest wait between two upload attempts while S3 fails
	 * @return the copy
	 */
	public S3BlockSettings withRetryInterval(Duration retryInterval) {
		return new S3BlockSettings(this.maxSize, this.maxAge, this.uploadInterval, this.shutdownTimeout,
				this.cachedIndexEntries, this.maxSpoolSize, retryInterval);
	}

	/**
	 * The settings of the local segments that are the spool: sealed by this size and age.
	 * @param compressed whether blocks are compressed
	 * @return the segment settings
	 */
	SegmentSettings segmentSettings(boolean compressed) {
		SegmentSettings defaults = SegmentSettings.DEFAULT;
		// the spool's own index cache stays small: uploaded segments leave the spool
		return new SegmentSettings(compressed, defaults.blockSize(), this.maxSize, this.maxAge, defaults.syncInterval(),
				100_000);
	}

}
