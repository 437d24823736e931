package io.chronotrace.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of tiered storage ({@code chronotrace.storage: tiered}), under
 * {@code chronotrace.tiered.*}: which backends hold recent and older traces, and when traces
 * move. Each tier is configured under its own backend's properties.
 */
@ConfigurationProperties("chronotrace.tiered")
public class ChronoTraceTieredProperties {

	/** Backend of recent traces: local, memory, redis (or s3, jdbc), or the name of the application's own TraceStorageFactory. */
	private String hot = StorageBackends.DEFAULT_HOT;

	/** Backend that traces move to once older than hot-retention, and that keeps them for retention-days: s3 (or local, jdbc, redis), or the name of the application's own TraceStorageFactory. Required with storage tiered. */
	private @Nullable String cold;

	/** How long a trace stays in the hot tier before it is moved to the cold one. */
	private Duration hotRetention = Duration.ofHours(1);

	/** How often the background mover looks for traces to move. */
	private Duration moveInterval = Duration.ofMinutes(1);

	public String getHot() {
		return this.hot;
	}

	public void setHot(String hot) {
		this.hot = hot;
	}

	public @Nullable String getCold() {
		return this.cold;
	}

	public void setCold(@Nullable String cold) {
		this.cold = cold;
	}

	public Duration getHotRetention() {
		return this.hotRetention;
	}

	public void setHotRetention(Duration hotRetention) {
		if (hotRetention.isNegative()) {
			throw new IllegalArgumentException("chronotrace.tiered.hot-retention must not be negative, was " + hotRetention);
		}
		this.hotRetention = hotRetention;
	}

	public Duration getMoveInterval() {
		return this.moveInterval;
	}

	public void setMoveInterval(Duration moveInterval) {
		if (moveInterval.isZero() || moveInterval.isNegative()) {
			throw new IllegalArgumentException("chronotrace.tiered.move-interval must be positive, was " + moveInterval);
		}
		this.moveInterval = moveInterval;
	}

}
