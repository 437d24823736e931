package io.chronotrace.core.storage.s3;

import java.time.Duration;

import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * The retries and timeouts of the {@code S3Client} ChronoTrace builds for itself.
 * <p>
 * Retries follow the SDK's standard strategy: 5xx answers, throttling ({@code SlowDown}, 503,
 * 429), I/O errors and timeouts are retried with exponential backoff and full jitter; 4xx
 * answers such as access denied or no such bucket are not. Timeouts bound each attempt and
 * each call, so that a server that accepts connections and then hangs holds a writer thread
 * for at most {@link #API_CALL_TIMEOUT}; the spool then keeps later traces off S3 until it
 * answers again.
 */
public final class S3ClientOptions {

	/** Attempts per call, the first included. */
	public static final int MAX_ATTEMPTS = 3;

	/** Base delay of the exponential backoff after an error. */
	public static final Duration BACKOFF_BASE = Duration.ofMillis(100);

	/** Longest delay between attempts after an error. */
	public static final Duration BACKOFF_MAX = Duration.ofSeconds(2);

	/** Base delay of the exponential backoff after throttling. */
	public static final Duration THROTTLING_BACKOFF_BASE = Duration.ofMillis(500);

	/** Longest delay between attempts after throttling. */
	public static final Duration THROTTLING_BACKOFF_MAX = Duration.ofSeconds(5);

	/** Longest time one attempt may take: long enough for one multipart part on a slow link. */
	public static final Duration API_CALL_ATTEMPT_TIMEOUT = Duration.ofSeconds(15);

	/** Longest time one call may take, retries included. */
	public static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(40);

	private S3ClientOptions() {
	}

	/**
	 * The retry strategy: standard, {@link #MAX_ATTEMPTS} attempts, exponential backoff with
	 * full jitter.
	 * @return the strategy
	 */
	public static RetryStrategy retryStrategy() {
		return AwsRetryStrategy.standardRetryStrategy()
			.toBuilder()
			.maxAttempts(MAX_ATTEMPTS)
			.backoffStrategy(BackoffStrategy.exponentialDelay(BACKOFF_BASE, BACKOFF_MAX))
			.throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(THROTTLING_BACKOFF_BASE, THROTTLING_BACKOFF_MAX))
			.build();
	}

	/**
	 * Sets the retry strategy and timeouts on a configuration, keeping what it already has
	 * (a user agent, interceptors).
	 * @param configuration the configuration to change
	 * @return the same builder
	 */
	public static ClientOverrideConfiguration.Builder apply(ClientOverrideConfiguration.Builder configuration) {
		return configuration.retryStrategy(retryStrategy())
			.apiCallAttemptTimeout(API_CALL_ATTEMPT_TIMEOUT)
			.apiCallTimeout(API_CALL_TIMEOUT);
	}

	/**
	 * Sets the retry strategy and timeouts on a client builder, keeping the override
	 * configuration it already has.
	 * @param builder the builder
	 * @return the same builder
	 */
	public static S3ClientBuilder apply(S3ClientBuilder builder) {
		ClientOverrideConfiguration current = builder.overrideConfiguration();
		ClientOverrideConfiguration.Builder configuration = (current != null) ? current.toBuilder()
				: ClientOverrideConfiguration.builder();
		return builder.overrideConfiguration(apply(configuration).build());
	}

}
