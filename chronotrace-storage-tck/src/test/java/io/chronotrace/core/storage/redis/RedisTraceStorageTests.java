package io.chronotrace.core.storage.redis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;
import java.util.UUID;

import io.chronotrace.core.compress.Compression;
import io.chronotrace.core.retention.RetentionPolicy;
import io.chronotrace.core.retention.TracePurger;
import io.chronotrace.core.storage.BatchStoreResult;
import io.chronotrace.core.storage.StorageCheck;
import io.chronotrace.core.storage.StoredBytes;
import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.TraceStorageContractTests;
import io.chronotrace.core.storage.TraceStorageException;
import io.chronotrace.core.trace.TestTraces;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceAttachment;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.trace.TraceSummary;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The Redis backend passes the storage contract against a real {@code redis-server}, and
 * keeps what Redis adds: traces that expire on their own, pipelined batches, attachments
 * written and read in chunks under a size cap, sizes per day for the size cap, a cheap check.
 */
class RedisTraceStorageTests extends TraceStorageContractTests {

	/** Long enough for the contract's traces of March 2025 to be alive. */
	private static final Duration TEN_YEARS = Duration.ofDays(3650);

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension();

	private String prefix;

	@Override
	protected TraceStorage createStorage() {
		return storage(settings(TEN_YEARS));
	}

	@Override
	protected StoredBytes storedBytes() {
		return new StoredBytes().keys(redis.connection().sync(), this.prefix);
	}

	@Override
	protected boolean corruptStoredAttachment(TraceId id, String name) {
		byte[] key = (this.prefix + "att:{" + id + "}:" + name).getBytes(StandardCharsets.UTF_8);
		var redis = RedisTraceStorageTests.redis.connection().sync();
		long middle = redis.strlen(key) / 2;
		byte[] bytes = redis.getrange(key, middle, middle);
		redis.setrange(key, middle, new byte[] { (byte) (bytes[0] ^ 0x5a) });
		return true;
	}

	private RedisStorageSettings settings(Duration ttl) {
		this.prefix = "test:" + UUID.randomUUID() + ":";
		return new RedisStorageSettings(this.prefix, ttl, Compression.DEFAULT, 4L * 1024 * 1024,
				Duration.ofSeconds(10), "redis://127.0.0.1:" + redis.server().port());
	}

	private RedisTraceStorage storage(RedisStorageSettings settings) {
		return new RedisTraceStorage(redis.connection().async(), settings);
	}

	@Test
	void aTraceExpiresOnItsOwnAfterTheTimeToLive() {
		Instant now = Instant.now();
		RedisTraceStorage storage = storage(settings(Duration.ofSeconds(1)));
		Trace trace = TestTraces.trace(now);
		storage.store(trace);
		assertThat(storage.retrieve(trace.id())).contains(trace);

		await().atMost(Duration.ofSeconds(5)).until(() -> storage.retrieve(trace.id()).isEmpty());
		assertThat(redis.server().command("EXISTS " + this.prefix + "trace:" + trace.id())).isEqualTo(":0");
	}

	@Test
	void everyTraceKeyCarriesTheRetentionAsItsTimeToLive() {
		Trace trace = TestTraces.full(DAY.plusSeconds(5), this.attachmentDir);
		this.storage.store(trace);

		long ttl = Long.parseLong(redis.server().command("TTL " + this.prefix + "trace:" + trace.id()).substring(1));
		long attachmentTtl = Long.parseLong(redis.server()
			.command("TTL " + this.prefix + "att:{" + trace.id() + "}:" + trace.attachments().get(0).name())
			.substring(1));

		assertThat(ttl).isBetween(TEN_YEARS.getSeconds() - 60, TEN_YEARS.getSeconds());
		assertThat(attachmentTtl).isBetween(TEN_YEARS.getSeconds() - 60, TEN_YEARS.getSeconds());
	}

	@Test
	void listingLeavesOutTracesOlderThanTheTimeToLiveBeforePurgeTrimsThem() {
		Instant now = Instant.parse("2025-03-20T12:00:00Z");
		RedisTraceStorage storage = new RedisTraceStorage(redis.connection().async(), settings(Duration.ofDays(15)),
				Clock.fixed(now, ZoneOffset.UTC));
		Trace expired = TestTraces.trace(now.minus(16, ChronoUnit.DAYS));
		Trace alive = TestTraces.trace(now.minus(14, ChronoUnit.DAYS));
		storage.store(expired);
		storage.store(alive);

		assertThat(storage.list(TraceQuery.newest()).items()).containsExactly(alive.summary());
	}

	@Test
	void aBatchIsStoredWholeAndAnUnstorableTraceFailsAlone() {
		List<Trace> batch = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			batch.add(TestTraces.trace(DAY.plusMillis(i * 10L)));
		}
		Trace wrongId = TestTraces.builder(DAY.plusSeconds(30)).id(TraceId.create(DAY.plusSeconds(31))).build();
		batch.add(100, wrongId);

		BatchStoreResult result = this.storage.storeAll(batch);

		assertThat(result.failures()).singleElement().satisfies((failure) -> {
			assertThat(failure.id()).isEqualTo(wrongId.id());
			assertThat(failure.cause()).hasMessageContaining("Redis storage cannot store trace " + wrongId.id());
		});
		assertThat(result.bytesWritten()).isPositive();
		assertThat(listAll(TraceQuery.builder().limit(TraceQuery.MAX_LIMIT))).hasSize(200)
			.doesNotContain(wrongId.summary());
	}

	@Test
	void anAttachmentOfSeveralMegabytesComesBackWhole() throws IOException {
		TraceAttachment large = TestTraces.largeAttachment(this.attachmentDir, "response-body", 3_500_000, 7);
		Trace trace = TestTraces.withResponseAttachment(TestTraces.trace(DAY.plusSeconds(1)), large);

		this.storage.store(trace);

		try (InputStream in = this.storage.openAttachment(trace.id(), "response-body").orElseThrow()) {
			Random expected = new Random(7);
			byte[] chunk = new byte[64 * 1024];
			long read = 0;
			byte[] buffer = new byte[64 * 1024];
			while (read < large.size()) {
				expected.nextBytes(chunk);
				int wanted = (int) Math.min(chunk.length, large.size() - read);
				int got = in.readNBytes(buffer, 0, wanted);
				assertThat(got).isEqualTo(wanted);
				assertThat(java.util.Arrays.equals(buffer, 0, got, chunk, 0, got)).as("bytes at %d", read).isTrue();
				read += got;
			}
			assertThat(in.read()).isEqualTo(-1);
		}
	}

	@Test
	void anAttachmentOverTheCapIsNotKeptButItsTraceIs() {
		RedisTraceStorage storage = storage(settings(TEN_YEARS).withMaxAttachmentSize(1000));
		TraceAttachment large = TestTraces.attachment(this.attachmentDir, "response-body", new byte[1001]);
		Trace trace = TestTraces.withResponseAttachment(TestTraces.trace(DAY.plusSeconds(1)), large);

		storage.store(trace);

		assertThat(storage.retrieve(trace.id())).contains(trace.withoutAttachments());
		assertThat(storage.openAttachment(trace.id(), "response-body")).isEmpty();
	}

	@Test
	void uncompressedTracesAndAttachmentsComeBackToo() throws IOException {
		RedisTraceStorage storage = storage(settings(TEN_YEARS).withCompression(Compression.NONE));
		Trace trace = TestTraces.full(DAY.plusSeconds(2), this.attachmentDir);

		storage.store(trace);

		assertThat(storage.retrieve(trace.id())).contains(trace.withoutAttachments());
		TraceAttachment attachment = trace.attachments().get(0);
		try (InputStream in = storage.openAttachment(trace.id(), attachment.name()).orElseThrow()) {
			assertThat(in.readAllBytes()).isEqualTo(java.nio.file.Files.readAllBytes(attachment.file()));
		}
	}

	@Test
	void sizeByDayCountsWhatEachDayHoldsAndTheSizeCapEvictsOldestDays() {
		storeVariety(60, 3);
		SortedMap<LocalDate, Long> sizes = this.storage.sizeByDay();
		assertThat(sizes.keySet()).containsExactly(LocalDate.parse("2025-03-08"), LocalDate.parse("2025-03-09"),
				LocalDate.parse("2025-03-10"));
		assertThat(sizes.values()).allSatisfy((bytes) -> assertThat(bytes).isPositive());
		long newestDay = sizes.get(LocalDate.parse("2025-03-10"));

		Clock clock = Clock.fixed(DAY.plus(12, ChronoUnit.HOURS), ZoneOffset.UTC);
		new TracePurger(this.storage, new RetentionPolicy(3650, newestDay), clock).purge();

		assertThat(this.storage.sizeByDay()).containsOnlyKeys(LocalDate.parse("2025-03-10"));
		assertThat(listAll(TraceQuery.builder())).isNotEmpty()
			.allSatisfy((summary) -> assertThat(summary.startTime()).isAfterOrEqualTo(DAY));
	}

	@Test
	void purgeKeepsTheCutoffsDayWholeAndItsSize() {
		this.storage.store(TestTraces.trace(DAY.plusSeconds(60)));
		this.storage.store(TestTraces.trace(DAY.plus(20, ChronoUnit.HOURS)));
		long before = this.storage.sizeByDay().get(LocalDate.parse("2025-03-10"));

		assertThat(this.storage.purgeOlderThan(DAY.plus(12, ChronoUnit.HOURS)).isEmpty()).isTrue();

		assertThat(this.storage.sizeByDay().get(LocalDate.parse("2025-03-10"))).isEqualTo(before);
		assertThat(listAll(TraceQuery.builder())).extracting(TraceSummary::startTime)
			.containsExactly(DAY.plus(20, ChronoUnit.HOURS), DAY.plusSeconds(60));
	}

	@Test
	void purgeLeavesNoKeyBehind() {
		storeVariety(30, 2);
		this.storage.store(TestTraces.full(DAY.plusSeconds(3), this.attachmentDir));

		this.storage.purgeOlderThan(DAY.plus(2, ChronoUnit.DAYS));

		assertThat(redis.server().command("KEYS " + this.prefix + "*")).isEqualTo("*0");
	}

	@Test
	void checkIsDownWithAReasonWhenRedisCannotBeReached() {
		RedisServer stopped = RedisServer.start();
		RedisClient client = stopped.client();
		try (StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE)) {
			RedisTraceStorage storage = new RedisTraceStorage(connection.async(),
					new RedisStorageSettings("test:", TEN_YEARS, Compression.DEFAULT, 1024, Duration.ofMillis(500),
							"redis://127.0.0.1:" + stopped.port()));
			assertThat(storage.check().up()).isTrue();
			stopped.close();

			StorageCheck check = storage.check();

			assertThat(check.up()).isFalse();
			assertThat(check.reason()).startsWith("Redis storage could not").contains("127.0.0.1:" + stopped.port());
			assertThatExceptionOfType(TraceStorageException.class)
				.isThrownBy(() -> storage.store(TestTraces.trace(DAY)))
				.satisfies((ex) -> assertThat(ex.isRetryable()).isTrue());
		}
		finally {
			client.shutdown();
		}
	}

	@Test
	void checkWritesNothing() {
		String before = redis.server().command("DBSIZE");

		assertThat(this.storage.check().details()).containsKeys("keyPrefix", "pingMillis", "usedMemory");

		assertThat(redis.server().command("DBSIZE")).isEqualTo(before);
	}

}
