package io.chronotrace.autoconfigure;

import java.time.Duration;

import io.chronotrace.core.storage.redis.RedisStorageSettings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the Redis storage ({@code chronotrace.storage: redis}), under
 * {@code chronotrace.redis.*}. The server itself is the application's, configured with
 * {@code spring.data.redis.*}.
 */
@ConfigurationProperties("chronotrace.redis")
public class ChronoTraceRedisProperties {

	/** Start of every key ChronoTrace writes in Redis, so that its keys are easy to find and never clash with the application's. */
	private String keyPrefix = RedisStorageSettings.DEFAULT_PREFIX;

	/** Largest attachment (a body over compression.max-payload-size) kept in Redis; larger ones are left out, with a warning, because Redis holds every byte in memory. */
	private DataSize maxAttachmentSize = DataSize.ofBytes(RedisStorageSettings.DEFAULT_MAX_ATTACHMENT_SIZE);

	/** How long to wait for Redis to answer one call. */
	private Duration timeout = Duration.ofSeconds(10);

	public String getKeyPrefix() {
		return this.keyPrefix;
	}

	public void setKeyPrefix(String keyPrefix) {
		this.keyPrefix = keyPrefix;
	}

	public DataSize getMaxAttachmentSize() {
		return this.maxAttachmentSize;
	}

	public void setMaxAttachmentSize(DataSize maxAttachmentSize) {
		if (maxAttachmentSize.toBytes() < 0) {
			throw new IllegalArgumentException(
					"chronotrace.redis.max-attachment-size must not be negative, was " + maxAttachmentSize);
		}
		this.maxAttachmentSize = maxAttachmentSize;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		if (timeout.isZero() || timeout.isNegative()) {
			throw new IllegalArgumentException("chronotrace.redis.timeout must be positive, was " + timeout);
		}
		this.timeout = timeout;
	}

}
