package io.chronotrace.core.storage.tiered;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.chronotrace.core.compress.Compression;
import io.chronotrace.core.storage.StoredBytes;
import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.TraceStorageContractTests;
import io.chronotrace.core.storage.redis.RedisServerExtension;
import io.chronotrace.core.storage.redis.RedisStorageSettings;
import io.chronotrace.core.storage.redis.RedisTraceStorage;
import io.chronotrace.core.storage.s3.S3ProxyExtension;
import io.chronotrace.core.storage.s3.S3StorageSettings;
import io.chronotrace.core.storage.s3.S3TraceStorage;
import io.chronotrace.core.trace.TestTraces;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceAttachment;
import io.chronotrace.core.trace.TraceSummary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tiered storage with a real Redis as the hot tier and a real S3-compatible server (S3Proxy) as
 * the cold one passes the storage contract, and its mover moves traces with their attachments
 * from Redis to the bucket.
 */
class TieredRedisAndS3Tests extends TraceStorageContractTests {

	private static final String BUCKET = "chronotrace-tiered";

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension();

	@RegisterExtension
	static final S3ProxyExtension s3 = new S3ProxyExtension(BUCKET);

	private static S3Client client;

	private RedisTraceStorage hot;

	private S3TraceStorage cold;

	private String run;

	@BeforeAll
	static void createClient() {
		client = s3.server().client();
	}

	@AfterAll
	static void closeClient() {
		client.close();
	}

	@Override
	protected TraceStorage createStorage() {
		String run = UUID.randomUUID().toString();
		this.run = run;
		this.hot = new RedisTraceStorage(redis.connection().async(),
				new RedisStorageSettings("tiered:" + run + ":", Duration.ofDays(3650), Compression.DEFAULT,
						RedisStorageSettings.DEFAULT_MAX_ATTACHMENT_SIZE, Duration.ofSeconds(10), "redis://test"));
		this.cold = new S3TraceStorage(client, S3StorageSettings.of(BUCKET).withPrefix("tiered/" + run));
		return new TieredTraceStorage(this.hot, this.cold);
	}

	@Override
	protected StoredBytes storedBytes() {
		return new StoredBytes().keys(redis.connection().sync(), "tiered:" + this.run + ":")
			.objects(client, BUCKET, "tiered/" + this.run);
	}

	@Test
	void theMoverMovesTracesFromRedisToTheBucketWithTheirAttachments() throws IOException {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		Trace old = TestTraces.withResponseAttachment(TestTraces.trace(now.minus(3, ChronoUnit.HOURS), 200),
				TestTraces.largeAttachment(this.attachmentDir, "response-body", 1_500_000, 3));
		Trace recent = TestTraces.trace(now.minus(5, ChronoUnit.MINUTES), 200);
		TraceAttachment attachment = old.attachments().get(0);
		byte[] content = Files.readAllBytes(attachment.file());
		this.storage.storeAll(List.of(old, recent));

		int moved = new TierMover((TieredTraceStorage) this.storage, Duration.ofHours(1), Clock.fixed(now, ZoneOffset.UTC))
			.moveDue();

		assertThat(moved).isOne();
		assertThat(this.hot.retrieve(old.id())).isEmpty();
		assertThat(this.hot.openAttachment(old.id(), "response-body")).isEmpty();
		assertThat(this.cold.retrieve(old.id())).contains(old.withoutAttachments());
		try (InputStream in = this.cold.openAttachment(old.id(), "response-body").orElseThrow()) {
			assertThat(in.readAllBytes()).isEqualTo(content);
		}
		assertThat(this.hot.retrieve(recent.id())).contains(recent);
		assertThat(listAll(TraceQuery.builder())).extracting(TraceSummary::id).containsExactly(recent.id(), old.id());
	}

}
