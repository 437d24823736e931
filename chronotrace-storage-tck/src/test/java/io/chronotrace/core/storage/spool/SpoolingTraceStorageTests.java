package io.chronotrace.core.storage.spool;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CountDownLatch;

import io.chronotrace.core.compress.Compression;
import io.chronotrace.core.storage.ForwardingTraceStorage;
import io.chronotrace.core.storage.StorageCheck;
import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.TraceStorageException;
import io.chronotrace.core.storage.local.LocalFileSystemTraceStorage;
import io.chronotrace.core.storage.s3.RecordingInterceptor;
import io.chronotrace.core.storage.s3.S3ProxyExtension;
import io.chronotrace.core.storage.s3.S3ProxyServer;
import io.chronotrace.core.storage.s3.S3StorageSettings;
import io.chronotrace.core.storage.s3.S3TraceStorage;
import io.chronotrace.core.trace.TestTraces;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceAttachment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * No trace is lost when S3 is down: traces are spooled to local disk without waiting on S3
 * each time, and uploaded, attachments included, once S3 answers again, also by the next run
 * of the application. A real S3-compatible server (S3Proxy) is stopped and started again.
 */
class SpoolingTraceStorageTests {

	private static final String BUCKET = "chronotrace-spool";

	private static final Instant START = Instant.parse("2025-03-10T08:00:00Z");

	private static final Duration RETRY = Duration.ofMillis(200);

	@RegisterExtension
	static final S3ProxyExtension s3 = new S3ProxyExtension(BUCKET).persistent();

	private static S3ProxyServer server;

	@TempDir
	Path spoolDirectory;

	@TempDir
	Path attachmentDirectory;

	private final RecordingInterceptor recorder = new RecordingInterceptor();

	private final List<AutoCloseable> closeables = new ArrayList<>();

	private S3Client client;

	private S3TraceStorage remote;

	@BeforeAll
	static void server() {
		server = s3.server();
	}

	@BeforeEach
	void createRemote() {
		this.client = server.client(this.recorder);
		this.remote = new S3TraceStorage(this.client, S3StorageSettings.of(BUCKET).withPrefix(UUID.randomUUID().toString()));
	}

	@AfterEach
	void closeAll() throws Exception {
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
		this.client.close();
		server.start();
	}

	@Test
	void tracesGoStraightToTheRemoteWhileItAnswers() {
		SpoolingTraceStorage storage = spooling(this.remote, RETRY);
		Trace trace = TestTraces.full(START, this.attachmentDirectory);

		storage.store(trace);

		assertThat(this.remote.retrieve(trace.id())).contains(trace.withoutAttachments());
		assertThat(spool().list(TraceQuery.newest()).items()).isEmpty();
		assertThat(storage.statistics()).satisfies((statistics) -> {
			assertThat(statistics.spooled()).isZero();
			assertThat(statistics.remoteAvailable()).isTrue();
		});
	}

	@Test
	void unreachableRemoteIsTriedOnceThenTracesGoStraightToTheSpool() {
		URI nowhere = URI.create("http://127.0.0.1:" + S3ProxyServer.freePort());
		try (S3Client unreachable = S3ProxyServer.client(nowhere, S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY,
				(builder) -> S3ProxyServer.intercept(builder, this.recorder))) {
			SpoolingTraceStorage storage = spooling(new S3TraceStorage(unreachable, S3StorageSettings.of(BUCKET)),
					Duration.ofHours(1));
			List<Trace> traces = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				Trace trace = TestTraces.trace(START.plusSeconds(i));
				storage.store(trace);
				traces.add(trace);
			}

			assertThat(this.recorder.calls("PutObject")).as("only the first trace tried S3").isEqualTo(1);
			assertThat(storage.statistics().spooled()).isEqualTo(20);
			assertThat(storage.statistics().remoteAvailable()).isFalse();
			assertThat(spool().list(TraceQuery.newest()).items()).hasSize(20);
			assertThat(storage.retrieve(traces.get(3).id())).as("read from the spool").contains(traces.get(3));
			StorageCheck check = storage.check();
			assertThat(check.up()).isFalse();
			assertThat(check.reason()).startsWith("Endpoint unreachable");
			assertThat(check.details()).containsEntry("spooled", 20L).containsKey("spoolBytes");
		}
	}

	@Test
	void everyTraceStoredDuringAnOutageEndsUpInTheBucket() throws Exception {
		SpoolingTraceStorage storage = spooling(this.remote, RETRY);
		server.stop();
		long started = System.nanoTime();

		List<Trace> traces = storeConcurrently(storage, 8, 25);

		// each writer thread may try S3 once before the circuit opens, the drainer once a pass
		int drainerPasses = (int) (Duration.ofNanos(System.nanoTime() - started).toMillis() / RETRY.toMillis()) + 2;
		assertThat(this.recorder.calls("PutObject")).as("S3 calls while it is down, for 200 traces")
			.isLessThanOrEqualTo(8 + drainerPasses);
		assertThat(storage.statistics().spooled()).isEqualTo(200);
		server.start();
		await().atMost(Duration.ofSeconds(60)).until(() -> storage.statistics().uploaded() == 200);
		assertThat(spool().list(TraceQuery.newest()).items()).isEmpty();
		assertThat(storage.statistics()).satisfies((statistics) -> {
			assertThat(statistics.remoteAvailable()).isTrue();
			assertThat(statistics.dropped()).isZero();
			assertThat(statistics.failed()).isZero();
		});
		assertAllInBucket(traces);
	}

	@Test
	void tracesLeftInTheSpoolByAnEarlierRunAreUploadedAfterARestart() throws Exception {
		server.stop();
		SpoolingTraceStorage earlierRun = spooling(this.remote, Duration.ofHours(1));
		List<Trace> traces = storeConcurrently(earlierRun, 2, 5);
		earlierRun.close();
		assertThat(spool().list(TraceQuery.newest()).items()).hasSize(10);
		server.start();

		SpoolingTraceStorage nextRun = spooling(this.remote, RETRY);

		await().atMost(Duration.ofSeconds(30)).until(() -> nextRun.statistics().uploaded() == 10);
		assertThat(spool().list(TraceQuery.newest()).items()).isEmpty();
		assertAllInBucket(traces);
	}

	@Test
	void tracesStoredWhileTheSpoolDrainsJoinItRatherThanCompeteForTheRemote() throws Exception {
		server.stop();
		SpoolingTraceStorage earlierRun = spooling(this.remote, Duration.ofHours(1));
		List<Trace> traces = new ArrayList<>(storeConcurrently(earlierRun, 2, 5));
		earlierRun.close();
		server.start();
		CountDownLatch drainerHeld = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		GatedStorage gated = new GatedStorage(this.remote, drainerHeld, release);
		SpoolingTraceStorage nextRun = new SpoolingTraceStorage(gated, spool(),
				new SpoolSettings(64L * 1024 * 1024, RETRY));
		this.closeables.add(nextRun.start());
		assertThat(drainerHeld.await(30, TimeUnit.SECONDS)).as("the drainer is uploading").isTrue();

		for (int i = 0; i < 5; i++) {
			Trace trace = TestTraces.trace(START.plusSeconds(60 + i));
			nextRun.store(trace);
			traces.add(trace);
		}

		assertThat(gated.storesOutsideTheDrainer).as("traces sent to S3 beside the drainer").hasValue(0);
		assertThat(nextRun.statistics().spooled()).isEqualTo(5);
		release.countDown();
		await().atMost(Duration.ofSeconds(30)).until(() -> nextRun.statistics().uploaded() == 15);
		assertThat(spool().list(TraceQuery.newest()).items()).isEmpty();
		assertAllInBucket(traces);
		await().atMost(Duration.ofSeconds(10)).until(() -> nextRun.statistics().spoolBytes() == 0);
		Trace afterDrain = TestTraces.trace(START.plusSeconds(120));
		nextRun.store(afterDrain);
		assertThat(gated.storesOutsideTheDrainer).as("once the spool is empty, traces go straight to S3").hasValue(1);
		assertThat(nextRun.statistics().spooled()).isEqualTo(5);
	}

	@Test
	void fullSpoolDropsAndCountsTraces() {
		URI nowhere = URI.create("http://127.0.0.1:" + S3ProxyServer.freePort());
		try (S3Client unreachable = S3ProxyServer.client(nowhere, S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY,
				(builder) -> {
				})) {
			SpoolingTraceStorage storage = new SpoolingTraceStorage(
					new S3TraceStorage(unreachable, S3StorageSettings.of(BUCKET)), spool(),
					new SpoolSettings(1024 * 1024, Duration.ofHours(1)));
			this.closeables.add(storage.start());
			int dropped = 0;
			for (int i = 0; i < 5; i++) {
				TraceAttachment body = TestTraces.largeAttachment(this.attachmentDirectory, "response-body", 300 * 1024,
						i);
				try {
					storage.store(TestTraces.withResponseAttachment(TestTraces.trace(START.plusSeconds(i)), body));
				}
				catch (TraceStorageException ex) {
					assertThat(ex.isRetryable()).isFalse();
					assertThat(ex.getMessage()).contains("spool is full");
					dropped++;
				}
			}

			assertThat(dropped).isEqualTo(2);
			assertThat(storage.statistics()).satisfies((statistics) -> {
				assertThat(statistics.spooled()).isEqualTo(3);
				assertThat(statistics.dropped()).isEqualTo(2);
				assertThat(statistics.spoolBytes()).isLessThanOrEqualTo(1024 * 1024);
			});
			assertThat(spool().list(TraceQuery.newest()).items()).hasSize(3);
		}
	}

	@Test
	void refusalIsThrownAndCountedNotSpooled() {
		try (S3Client wrongSecret = S3ProxyServer.client(server.endpoint(), S3ProxyServer.ACCESS_KEY, "wrong",
				(builder) -> {
				})) {
			SpoolingTraceStorage storage = spooling(new S3TraceStorage(wrongSecret, S3StorageSettings.of(BUCKET)),
					RETRY);

			assertThatExceptionOfType(TraceStorageException.class)
				.isThrownBy(() -> storage.store(TestTraces.trace(START)))
				.satisfies((ex) -> assertThat(ex.isRetryable()).isFalse());
			assertThat(storage.statistics()).satisfies((statistics) -> {
				assertThat(statistics.failed()).isEqualTo(1);
				assertThat(statistics.spooled()).isZero();
				assertThat(statistics.remoteAvailable()).isTrue();
			});
			assertThat(spool().list(TraceQuery.newest()).items()).isEmpty();
		}
	}

	@Test
	void closeStopsTheDrainer() {
		SpoolingTraceStorage storage = spooling(this.remote, RETRY);
		assertThat(SpoolDrainerThreads.alive()).isNotEmpty();

		storage.close();

		assertThat(SpoolDrainerThreads.alive()).isEmpty();
	}

	private SpoolingTraceStorage spooling(S3TraceStorage remote, Duration retryInterval) {
		SpoolingTraceStorage storage = new SpoolingTraceStorage(remote, spool(),
				new SpoolSettings(64L * 1024 * 1024, retryInterval));
		this.closeables.add(storage);
		return storage.start();
	}

	private LocalFileSystemTraceStorage spool() {
		return new LocalFileSystemTraceStorage(this.spoolDirectory, Compression.DEFAULT);
	}

	/**
	 * Stores traces from several threads at once, every fifth with an attachment.
	 */
	private List<Trace> storeConcurrently(SpoolingTraceStorage storage, int threads, int perThread) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		List<Trace> traces = Collections.synchronizedList(new ArrayList<>());
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int thread = t;
				done.add(executor.submit(() -> {
					for (int i = 0; i < perThread; i++) {
						Instant start = START.plusMillis(thread * 100_000L + i * 7L);
						Trace trace = TestTraces.trace(start, 500);
						if (i % 5 == 0) {
							TraceAttachment body = TestTraces.largeAttachment(this.attachmentDirectory, "response-body",
									20_000, thread * 1000L + i);
							trace = TestTraces.withResponseAttachment(trace, body);
						}
						storage.store(trace);
						traces.add(trace);
					}
					return null;
				}));
			}
			for (Future<?> future : done) {
				future.get();
			}
		}
		finally {
			executor.shutdownNow();
		}
		return traces;
	}

	private void assertAllInBucket(List<Trace> traces) throws IOException {
		assertThat(this.remote.list(TraceQuery.builder().limit(TraceQuery.MAX_LIMIT).build()).items())
			.hasSize(traces.size());
		for (Trace trace : traces) {
			assertThat(this.remote.retrieve(trace.id())).contains(trace.withoutAttachments());
			for (TraceAttachment attachment : trace.attachments()) {
				try (InputStream in = this.remote.openAttachment(trace.id(), attachment.name()).orElseThrow()) {
					assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(attachment.file()));
				}
			}
		}
	}


	/**
	 * The remote, with the drainer's uploads held until released, and a count of the traces
	 * stored by other threads (the writers).
	 */
	private static final class GatedStorage extends ForwardingTraceStorage<TraceStorage> {

		private final CountDownLatch held;

		private final CountDownLatch release;

		final AtomicInteger storesOutsideTheDrainer = new AtomicInteger();

		GatedStorage(TraceStorage delegate, CountDownLatch held, CountDownLatch release) {
			super(delegate);
			this.held = held;
			this.release = release;
		}

		@Override
		public long store(Trace trace) {
			if (Thread.currentThread().getName().startsWith("chronotrace-spool-")) {
				this.held.countDown();
				try {
					this.release.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new TraceStorageException("interrupted", ex, true);
				}
			}
			else {
				this.storesOutsideTheDrainer.incrementAndGet();
			}
			return super.store(trace);
		}

	}

}
