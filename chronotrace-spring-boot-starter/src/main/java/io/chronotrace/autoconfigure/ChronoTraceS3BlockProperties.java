package io.chronotrace.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * When S3 with {@code chronotrace.layout=segments} uploads a block: a local segment is sealed
 * and uploaded when it reaches either bound.
 */
@ConfigurationProperties("chronotrace.s3.block")
public class ChronoTraceS3BlockProperties {

	/** With chronotrace.layout=segments: the size at which a local segment is sealed and uploaded to S3 as one block (two PUTs, in parts above 8MB). */
	private DataSize maxSize = DataSize.ofMegabytes(32);

	/** With chronotrace.layout=segments: the age at which a local segment is sealed and uploaded to S3; other readers see a trace in S3 about this long after it was stored. */
	private Duration maxAge = Duration.ofSeconds(60);

	public DataSize getMaxSize() {
		return this.maxSize;
	}

	public void setMaxSize(DataSize maxSize) {
		if (maxSize.toBytes() < 64 * 1024) {
			throw new IllegalArgumentException("chronotrace.s3.block.max-size must be at least 64KB, was " + maxSize);
		}
		this.maxSize = maxSize;
	}

	public Duration getMaxAge() {
		return this.maxAge;
	}

	public void setMaxAge(Duration maxAge) {
		if (maxAge.isNegative() || maxAge.isZero()) {
			throw new IllegalArgumentException("chronotrace.s3.block.max-age must be positive, was " + maxAge);
		}
		this.maxAge = maxAge;
	}

}
