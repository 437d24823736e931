package io.chronotrace.core.storage.redis;

import java.time.Duration;
import java.util.Objects;

import io.chronotrace.core.compress.Compression;

/**
 * How {@link RedisTraceStorage} writes.
 *
 * @param keyPrefix the start of every key it writes, such as {@code chronotrace:}
 * @param timeToLive how long a trace and its attachments live: the retention period
 * @param compression whether traces and attachments are gzip-compressed
 * @param maxAttachmentSize the largest attachment, in bytes, kept in Redis; larger ones are not
 * stored (the trace is, with a warning), because Redis holds every byte in memory
 * @param timeout how long to wait for Redis to answer one call
 * @param location where the data lives, for health details (a URI without credentials)
 */
public record RedisStorageSettings(String keyPrefix, Duration timeToLive, Compression compression,
		long maxAttachmentSize, Duration timeout, String location) {

	/** The key prefix when none is configured. */
	public static final String DEFAULT_PREFIX = "chronotrace:";

	/** The largest attachment kept when none is configured: 10 MB. */
	public static final long DEFAULT_MAX_ATTACHMENT_SIZE = 10L * 1024 * 1024;

	public RedisStorageSettings {
		Objects.requireNonNull(keyPrefix, "keyPrefix");
		Objects.requireNonNull(timeToLive, "timeToLive");
		Objects.requireNonNull(compression, "compression");
		Objects.requireNonNull(timeout, "timeout");
		Objects.requireNonNull(location, "location");
		if (timeToLive.getSeconds() < 1) {
			throw new IllegalArgumentException("Redis time to live must be at least a second, was " + timeToLive);
		}
		if (maxAttachmentSize < 0) {
			throw new IllegalArgumentException("max attachment size must not be negative, was " + maxAttachmentSize);
		}
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("Redis timeout must be positive, was " + timeout);
		}
	}

	/**
	 * Settings with the default prefix, default compression, a 10 MB attachment cap and a 10
	 * second timeout.
	 * @param retentionDays days a trace lives
	 * @param location where the data lives, for health details
	 * @return the settings
	 */
	public static RedisStorageSettings of(int retentionDays, String location) {
		return new RedisStorageSettings(DEFAULT_PREFIX, Duration.ofDays(retentionDays), Compression.DEFAULT,
				DEFAULT_MAX_ATTACHMENT_SIZE, Duration.ofSeconds(10), location);
	}

	/**
	 * A copy with another key prefix.
	 * @param keyPrefix the prefix
	 * @return the copy
	 */
	public RedisStorageSettings withKeyPrefix(String keyPrefix) {
		return new RedisStorageSettings(keyPrefix, this.timeToLive, this.compression, this.maxAttachmentSize,
				this.timeout, this.location);
	}

	/**
	 * A copy with another attachment cap.
	 * @param maxAttachmentSize the largest attachment kept, in bytes
	 * @return the copy
	 */
	public RedisStorageSettings withMaxAttachmentSize(long maxAttachmentSize) {
		return new RedisStorageSettings(this.keyPrefix, this.timeToLive, this.compression, maxAttachmentSize,
				this.timeout, this.location);
	}

	/**
	 * A copy with other compression settings.
	 * @param compression the compression
	 * @return the copy
	 */
	public RedisStorageSettings withCompression(Compression compression) {
		return new RedisStorageSettings(this.keyPrefix, this.timeToLive, compression, this.maxAttachmentSize,
				this.timeout, this.location);
	}

}
