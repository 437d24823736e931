package io.chronotrace.core.encrypt;

import java.time.Duration;
import java.util.UUID;

import io.chronotrace.core.compress.Compression;
import io.chronotrace.core.storage.StoredBytes;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.TraceStorageContractTests;
import io.chronotrace.core.storage.redis.RedisServerExtension;
import io.chronotrace.core.storage.redis.RedisStorageSettings;
import io.chronotrace.core.storage.redis.RedisTraceStorage;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceSummary;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The storage contract holds for Redis storage (a real redis-server) under encryption. */
class EncryptedRedisStorageContractTests extends TraceStorageContractTests {

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension();

	private String prefix;

	@Override
	protected TraceStorage createStorage() {
		this.prefix = "sealed:" + UUID.randomUUID() + ":";
		RedisStorageSettings settings = new RedisStorageSettings(this.prefix,
				Duration.ofDays(3650), Compression.DEFAULT, 4L * 1024 * 1024, Duration.ofSeconds(10),
				"redis://127.0.0.1:" + redis.server().port());
		return new EncryptingTraceStorage(new RedisTraceStorage(redis.connection().async(), settings),
				TestKeys.keys("k1", "k1"), false);
	}

	@Override
	protected StoredBytes storedBytes() {
		return new StoredBytes().keys(redis.connection().sync(), this.prefix);
	}

	@Override
	protected TraceSummary listed(Trace trace) {
		return EncryptedSummaries.listed(trace);
	}

}
