package io.chronotrace.core.storage.s3.segment;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import io.chronotrace.core.storage.BatchStoreResult;
import io.chronotrace.core.storage.TracePage;
import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.storage.TraceStorageException;
import io.chronotrace.core.storage.s3.RecordingInterceptor;
import io.chronotrace.core.storage.s3.S3ProxyExtension;
import io.chronotrace.core.storage.s3.S3ProxyServer;
import io.chronotrace.core.storage.s3.S3StorageSettings;
import io.chronotrace.core.trace.TestTraces;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceSummary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The local segments are the spool of S3 blocks: what a user notices is that S3 receives a
 * block per many traces, and that no trace is lost while S3 is down, across a restart too.
 */
class S3SegmentSpoolTests {

	private static final String BUCKET = "chronotrace-spool";

	@RegisterExtension
	static final S3ProxyExtension s3 = new S3ProxyExtension(BUCKET).persistent();

	private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	@TempDir
	Path temp;

	private final RecordingInterceptor recorder = new RecordingInterceptor();

	private final List<AutoCloseable> opened = new ArrayList<>();

	private S3StorageSettings settings;

	@BeforeEach
	void prefix() {
		this.settings = S3StorageSettings.of(BUCKET).withPrefix("spool-tests/" + UUID.randomUUID());
	}

	@AfterEach
	void close() throws Exception {
		for (int i = this.opened.size() - 1; i >= 0; i--) {
			this.opened.get(i).close();
		}
	}

	@Test
	void aThousandTracesCostOneBlockAndOneIndexPutAndAreReadWithRangedGets() {
		S3SegmentTraceStorage storage = open(client(this.recorder), this.temp.resolve("spool"), S3BlockSettings.DEFAULT);
		List<Trace> traces = storeBatches(storage, 1000, 100);
		this.recorder.reset();

		storage.flush();

		assertThat(this.recorder.calls("PutObject")).isEqualTo(2);
		assertThat(this.recorder.calls("CreateMultipartUpload")).isZero();
		assertThat(keys()).hasSize(2).anyMatch((key) -> key.endsWith(".seg")).anyMatch((key) -> key.endsWith(".idx"));
		assertThat(storage.blocksWaiting()).isZero();

		// another instance, with an empty spool: everything comes from the block in S3
		S3SegmentTraceStorage reader = open(client(this.recorder), this.temp.resolve("reader"), S3BlockSettings.DEFAULT);
		this.recorder.reset();
		Trace wanted = traces.get(421);
		assertThat(reader.retrieve(wanted.id())).contains(wanted);
		assertThat(this.recorder.requests()).filteredOn((request) -> request.firstMatchingHeader("Range").isPresent())
			.hasSize(1);
		TracePage page = reader.list(TraceQuery.builder().limit(TraceQuery.MAX_LIMIT).build());
		assertThat(page.items()).hasSize(1000).extracting(TraceSummary::id)
			.containsExactlyInAnyOrderElementsOf(traces.stream().map(Trace::id).toList());
	}

	@Test
	void whileS3IsDownTracesWaitInTheSpoolAndGoUpAfterARestart() {
		Path spool = this.temp.resolve("spool");
		URI nowhere = URI.create("http://127.0.0.1:" + S3ProxyServer.freePort());
		S3Client dead = S3ProxyServer.client(nowhere, S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY, (builder) -> {
		});
		this.opened.add(dead);
		S3SegmentTraceStorage down = S3SegmentTraceStorage.open(dead, this.settings, spool,
				S3BlockSettings.DEFAULT.withShutdownTimeout(Duration.ofSeconds(1))).start();
		List<Trace> traces = storeBatches(down, 300, 50);

		assertThatExceptionOfType(TraceStorageException.class).isThrownBy(down::flush)
			.satisfies((ex) -> assertThat(ex.isRetryable()).isTrue());
		traces.forEach((trace) -> assertThat(down.retrieve(trace.id())).contains(trace));
		assertThat(down.check().up()).isFalse();
		down.close();
		assertThat(down.blocksWaiting()).isPositive();

		// the next start, with S3 back: the uploader takes what the last run left
		S3SegmentTraceStorage restarted = open(client(this.recorder), spool, S3BlockSettings.DEFAULT).start();
		await().atMost(Duration.ofSeconds(30)).until(() -> restarted.blocksWaiting() == 0);

		S3SegmentTraceStorage reader = open(client(this.recorder), this.temp.resolve("reader"), S3BlockSettings.DEFAULT);
		assertThat(reader.list(TraceQuery.builder().limit(TraceQuery.MAX_LIMIT).build()).items()).hasSize(300);
		traces.forEach((trace) -> assertThat(reader.retrieve(trace.id())).contains(trace));
	}

	@Test
	void whileS3IsDownUploadsAreRetriedAtMostTheRetryIntervalApart() {
		URI nowhere = URI.create("http://127.0.0.1:" + S3ProxyServer.freePort());
		S3Client dead = S3ProxyServer.client(nowhere, S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY, (builder) -> {
		});
		this.opened.add(dead);
		S3SegmentTraceStorage down = open(dead, this.temp.resolve("spool"),
				S3BlockSettings.DEFAULT.withShutdownTimeout(Duration.ZERO).withRetryInterval(Duration.ofMillis(200)));
		storeBatches(down, 10, 10);
		assertThatExceptionOfType(TraceStorageException.class).isThrownBy(down::flush);
		down.start();

		// waits of 1, 2, 4 and 8 s would allow four attempts in 10 s; capped at 200 ms, many more
		await().atMost(Duration.ofSeconds(10)).until(() -> (long) down.check().details().get("failedUploads") >= 8);
	}

	@Test
	void retriesWaitASecondThenTwiceAsLongUpToTheRetryInterval() {
		long wait = 0;
		List<Long> waits = new ArrayList<>();
		for (int failure = 0; failure < 6; failure++) {
			wait = BlockUploader.nextRetryMillis(wait, 5000);
			waits.add(wait);
		}
		assertThat(waits).containsExactly(1000L, 2000L, 4000L, 5000L, 5000L, 5000L);
		assertThat(BlockUploader.nextRetryMillis(0, 300)).isEqualTo(300);
		assertThat(BlockUploader.nextRetryMillis(300, 300)).isEqualTo(300);
	}

	@Test
	void whenS3StopsAndComesBackTheUploaderCatchesUpWithNothingLost() {
		S3SegmentTraceStorage storage = open(client(this.recorder), this.temp.resolve("spool"), S3BlockSettings.DEFAULT)
			.start();
		List<Trace> before = storeBatches(storage, 100, 50);
		storage.flush();
		s3.server().stop();
		List<Trace> during;
		try {
			during = storeBatches(storage, 200, 50);
			assertThatExceptionOfType(TraceStorageException.class).isThrownBy(storage::flush);
			during.forEach((trace) -> assertThat(storage.retrieve(trace.id())).contains(trace));
			assertThat(storage.blocksWaiting()).isPositive();
		}
		finally {
			s3.server().start();
		}
		await().atMost(Duration.ofSeconds(45)).until(() -> storage.blocksWaiting() == 0);

		S3SegmentTraceStorage reader = open(client(this.recorder), this.temp.resolve("reader"), S3BlockSettings.DEFAULT);
		List<Trace> all = new ArrayList<>(before);
		all.addAll(during);
		assertThat(reader.list(TraceQuery.builder().limit(TraceQuery.MAX_LIMIT).build()).items()).extracting(TraceSummary::id)
			.containsExactlyInAnyOrderElementsOf(all.stream().map(Trace::id).toList());
		assertThat(storage.check().up()).isTrue();
	}

	@Test
	void aFullSpoolDropsAndCountsNewTracesWhileS3IsDownAndTakesThemAgainOnceBlocksGoUp() throws Exception {
		long maxSpool = 256 * 1024;
		Path spool = this.temp.resolve("spool");
		S3SegmentTraceStorage storage = open(client(this.recorder), spool,
				S3BlockSettings.DEFAULT.withBlock(64 * 1024, Duration.ofHours(1)).withMaxSpoolSize(maxSpool))
			.start();
		List<Trace> kept = new ArrayList<>();
		List<Trace> dropped = new ArrayList<>();
		s3.server().stop();
		try {
			for (int batch = 0; batch < 100 && dropped.size() < 300; batch++) {
				List<Trace> traces = new ArrayList<>();
				for (int i = 0; i < 100; i++) {
					traces.add(TestTraces.trace(NOW.minusSeconds(1000).plusMillis(batch * 100L + i)));
				}
				BatchStoreResult result = storage.storeAll(traces);
				if (result.allStored()) {
					kept.addAll(traces);
				}
				else {
					assertThat(result.failures()).hasSize(100).allSatisfy((failure) -> {
						assertThat(failure.cause().getMessage()).contains("chronotrace.s3.spool.max-size");
						assertThat(((TraceStorageException) failure.cause()).isRetryable()).isFalse();
					});
					dropped.addAll(traces);
				}
			}
			assertThat(dropped).as("dropped once the spool was full").hasSize(300);
			assertThat(kept).isNotEmpty();
			assertThat(sizeOf(spool)).as("the spool stays near its bound").isLessThan(maxSpool + 128 * 1024);
			var check = storage.check();
			assertThat(check.up()).isFalse();
			assertThat(check.reason()).contains("is full").contains("chronotrace.s3.spool.max-size");
			assertThat(check.details()).containsEntry("spoolDropped", 300L).containsEntry("spoolMaxBytes", maxSpool);
			kept.forEach((trace) -> assertThat(storage.retrieve(trace.id())).contains(trace));
		}
		finally {
			s3.server().start();
		}

		// S3 is back: sealed segments go up, leave the spool, and new traces are taken again
		await().atMost(Duration.ofSeconds(45)).until(() -> storage.blocksWaiting() == 0 && storage.check().up());
		List<Trace> after = storeBatches(storage, 100, 100);
		storage.flush();
		S3SegmentTraceStorage reader = open(client(this.recorder), this.temp.resolve("reader"), S3BlockSettings.DEFAULT);
		List<Trace> stored = new ArrayList<>(kept);
		stored.addAll(after);
		assertThat(listAll(reader)).extracting(TraceSummary::id)
			.containsExactlyInAnyOrderElementsOf(stored.stream().map(Trace::id).toList());
		assertThat(storage.retrieve(dropped.get(0).id())).isEmpty();
	}

	private static List<TraceSummary> listAll(S3SegmentTraceStorage storage) {
		List<TraceSummary> all = new ArrayList<>();
		String cursor = null;
		do {
			TracePage page = storage.list(TraceQuery.builder().limit(TraceQuery.MAX_LIMIT).cursor(cursor).build());
			all.addAll(page.items());
			cursor = page.nextCursor();
		}
		while (cursor != null);
		return all;
	}

	private static long sizeOf(Path directory) throws IOException {
		try (Stream<Path> files = Files.walk(directory)) {
			return files.filter(Files::isRegularFile).mapToLong((file) -> file.toFile().length()).sum();
		}
	}

	@Test
	void aSegmentGoesUpByItselfAtItsMaxAgeAndReadersSeeItThen() {
		S3SegmentTraceStorage storage = open(client(this.recorder), this.temp.resolve("spool"),
				S3BlockSettings.DEFAULT.withBlock(S3BlockSettings.DEFAULT_MAX_SIZE, Duration.ofSeconds(2)))
			.start();
		List<Trace> traces = storeBatches(storage, 50, 50);
		S3SegmentTraceStorage reader = open(client(this.recorder), this.temp.resolve("reader"), S3BlockSettings.DEFAULT);
		assertThat(reader.retrieve(traces.get(0).id())).as("not uploaded yet").isEmpty();

		await().atMost(Duration.ofSeconds(20)).until(() -> keys().stream().anyMatch((key) -> key.endsWith(".idx")));

		traces.forEach((trace) -> assertThat(reader.retrieve(trace.id())).contains(trace));
	}

	@Test
	void aSegmentGoesUpAsABlockWhenItReachesItsMaxSize() {
		S3SegmentTraceStorage storage = open(client(this.recorder), this.temp.resolve("spool"),
				S3BlockSettings.DEFAULT.withBlock(64 * 1024, Duration.ofHours(1)))
			.start();
		List<Trace> traces = storeBatches(storage, 3000, 100);

		await().atMost(Duration.ofSeconds(20))
			.until(() -> keys().stream().filter((key) -> key.endsWith(".idx")).count() >= 2);
		storage.flush();

		S3SegmentTraceStorage reader = open(client(this.recorder), this.temp.resolve("reader"), S3BlockSettings.DEFAULT);
		assertThat(reader.list(TraceQuery.builder().limit(TraceQuery.MAX_LIMIT).build()).nextCursor()).isNotNull();
		assertThat(reader.retrieve(traces.get(1234).id())).contains(traces.get(1234));
	}

	@Test
	void closingSealsAndUploadsTheOpenSegment() {
		Path spool = this.temp.resolve("spool");
		S3SegmentTraceStorage storage = S3SegmentTraceStorage.open(client(this.recorder), this.settings, spool,
				S3BlockSettings.DEFAULT).start();
		List<Trace> traces = storeBatches(storage, 20, 20);

		storage.close();

		assertThat(storage.blocksWaiting()).isZero();
		S3SegmentTraceStorage reader = open(client(this.recorder), this.temp.resolve("reader"), S3BlockSettings.DEFAULT);
		traces.forEach((trace) -> assertThat(reader.retrieve(trace.id())).contains(trace));
	}

	@Test
	void aDeletedUploadedTraceIsGoneForEveryReader() {
		S3SegmentTraceStorage storage = open(client(this.recorder), this.temp.resolve("spool"), S3BlockSettings.DEFAULT);
		List<Trace> traces = storeBatches(storage, 10, 10);
		storage.flush();

		assertThat(storage.delete(traces.get(3).id())).isTrue();

		S3SegmentTraceStorage reader = open(client(this.recorder), this.temp.resolve("reader"), S3BlockSettings.DEFAULT);
		assertThat(reader.retrieve(traces.get(3).id())).isEmpty();
		assertThat(reader.list(TraceQuery.newest()).items()).hasSize(9).extracting(TraceSummary::id)
			.doesNotContain(traces.get(3).id());
		assertThat(keys()).filteredOn((key) -> key.endsWith(".tomb"))
			.singleElement()
			.satisfies((key) -> assertThat(key).contains("/" + traces.get(3).id() + "."));
	}

	private List<Trace> storeBatches(S3SegmentTraceStorage storage, int count, int batch) {
		List<Trace> traces = new ArrayList<>();
		for (int i = 0; i < count; i += batch) {
			List<Trace> traceBatch = new ArrayList<>();
			for (int j = i; j < Math.min(count, i + batch); j++) {
				traceBatch.add(TestTraces.trace(NOW.minusMillis(count - j)));
			}
			BatchStoreResult result = storage.storeAll(traceBatch);
			assertThat(result.allStored()).isTrue();
			traces.addAll(traceBatch);
		}
		return traces;
	}

	private S3SegmentTraceStorage open(S3Client client, Path spool, S3BlockSettings blocks) {
		S3SegmentTraceStorage storage = S3SegmentTraceStorage.open(client, this.settings, spool, blocks);
		this.opened.add(storage);
		return storage;
	}

	private S3Client client(RecordingInterceptor interceptor) {
		S3Client client = s3.server().client(interceptor);
		this.opened.add(client);
		return client;
	}

	private List<String> keys() {
		try (S3Client client = s3.server().client()) {
			return client.listObjectsV2Paginator((list) -> list.bucket(BUCKET).prefix(this.settings.prefix() + "/"))
				.contents()
				.stream()
				.map(S3Object::key)
				.toList();
		}
	}

}
