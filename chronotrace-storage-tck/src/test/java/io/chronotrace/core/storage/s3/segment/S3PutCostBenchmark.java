package io.chronotrace.core.storage.s3.segment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.s3.RecordingInterceptor;
import io.chronotrace.core.storage.s3.S3ProxyServer;
import io.chronotrace.core.storage.s3.S3StorageSettings;
import io.chronotrace.core.storage.s3.S3TraceStorage;
import io.chronotrace.core.trace.TestTraces;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceCodec;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Not a test: measures, against S3Proxy, the S3 write requests per stored trace of each layout at
 * a steady rate, and the time to list the newest 50 traces of a bucket holding many. Run from
 * {@code chronotrace-core} after {@code mvn -pl chronotrace-core test-compile} (which also
 * copies S3Proxy to {@code target/s3proxy}):
 * <pre>
 * mvn -q -pl chronotrace-core dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *     io.chronotrace.core.storage.s3.segment.S3PutCostBenchmark [seconds] [rate] [bucketTraces] [folderBucketTraces]
 * </pre>
 */
public final class S3PutCostBenchmark {

	private static final String BUCKET = "benchmark";

	private S3PutCostBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int seconds = (args.length > 0) ? Integer.parseInt(args[0]) : 30;
		int rate = (args.length > 1) ? Integer.parseInt(args[1]) : 1000;
		int bucketTraces = (args.length > 2) ? Integer.parseInt(args[2]) : 100_000;
		int folderBucketTraces = (args.length > 3) ? Integer.parseInt(args[3]) : 10_000;
		Path directory = Files.createTempDirectory("s3-put-cost-");
		try (S3ProxyServer server = S3ProxyServer.start(directory, false)) {
			server.createBucket(BUCKET);
			System.out.printf("trace JSON: %d bytes (TestTraces.trace)%n",
					TraceCodec.get().toBytes(TestTraces.trace(Instant.now())).length);
			if (seconds > 0) {
				segments(server, directory, seconds, rate, S3BlockSettings.DEFAULT);
				segments(server, directory, seconds, rate,
						S3BlockSettings.DEFAULT.withBlock(S3BlockSettings.DEFAULT_MAX_SIZE, Duration.ofSeconds(10)));
				folders(server, seconds, rate);
			}
			if (bucketTraces > 0) {
				listSegments(server, directory, bucketTraces);
			}
			if (folderBucketTraces > 0) {
				listFolders(server, folderBucketTraces);
			}
		}
	}

	/** One writer thread storing batches every 100 ms, as the async writer drains its queue. */
	private static void segments(S3ProxyServer server, Path directory, int seconds, int rate, S3BlockSettings blocks)
			throws Exception {
		RecordingInterceptor recorder = new RecordingInterceptor();
		try (S3Client client = server.client(recorder)) {
			S3SegmentTraceStorage storage = S3SegmentTraceStorage
				.open(client, settings(), directory.resolve("spool-" + UUID.randomUUID()), blocks)
				.start();
			long stored = 0;
			long start = System.nanoTime();
			int perBatch = Math.max(1, rate / 10);
			for (int tick = 0; tick < seconds * 10; tick++) {
				List<Trace> batch = new ArrayList<>(perBatch);
				for (int i = 0; i < perBatch; i++) {
					batch.add(TestTraces.trace(Instant.now()));
				}
				stored += perBatch - storage.storeAll(batch).failures().size();
				long next = start + (tick + 1) * 100_000_000L;
				long wait = next - System.nanoTime();
				if (wait > 0) {
					TimeUnit.NANOSECONDS.sleep(wait);
				}
			}
			double elapsed = (System.nanoTime() - start) / 1e9;
			int putsBeforeClose = puts(recorder);
			long closeStart = System.nanoTime();
			storage.close();
			double closeSeconds = (System.nanoTime() - closeStart) / 1e9;
			int puts = puts(recorder);
			System.out.printf(
					"segments (block %s / %s): %d traces in %.1f s (%.0f/s); write requests %d while running + %d on close"
							+ " (close took %.1f s) = %.5f per trace, %.0f traces per request; PutObject %d, UploadPart %d;"
							+ " %d bytes uploaded, %.0f per trace%n",
					blocks.maxAge(), blocks.maxSize() / (1024 * 1024) + "MB", stored, elapsed, stored / elapsed,
					putsBeforeClose, puts - putsBeforeClose, closeSeconds, puts / (double) stored, stored / (double) puts,
					recorder.calls("PutObject"), recorder.calls("UploadPart"), uploaded(recorder),
					uploaded(recorder) / (double) stored);
		}
	}

	private static long uploaded(RecordingInterceptor recorder) {
		return recorder.requests()
			.stream()
			.filter((request) -> request.method().name().equals("PUT"))
			.mapToLong((request) -> request.firstMatchingHeader("Content-Length").map(Long::parseLong).orElse(0L))
			.sum();
	}

	/** The folders layout, eight writer threads as the starter gives S3, aiming at the same rate. */
	private static void folders(S3ProxyServer server, int seconds, int rate) throws Exception {
		RecordingInterceptor recorder = new RecordingInterceptor();
		try (S3Client client = server.client(recorder)) {
			S3TraceStorage storage = new S3TraceStorage(client, settings());
			AtomicLong stored = new AtomicLong();
			long start = System.nanoTime();
			long end = start + seconds * 1_000_000_000L;
			ExecutorService threads = Executors.newFixedThreadPool(8);
			for (int t = 0; t < 8; t++) {
				int thread = t;
				threads.submit(() -> {
					for (long n = thread; System.nanoTime() < end; n += 8) {
						long due = start + n * 1_000_000_000L / rate;
						long wait = due - System.nanoTime();
						if (wait > 0) {
							TimeUnit.NANOSECONDS.sleep(wait);
						}
						storage.store(TestTraces.trace(Instant.now()));
						stored.incrementAndGet();
					}
					return null;
				});
			}
			threads.shutdown();
			threads.awaitTermination(seconds + 60, TimeUnit.SECONDS);
			double elapsed = (System.nanoTime() - start) / 1e9;
			int puts = puts(recorder);
			System.out.printf("folders: %d traces in %.1f s (%.0f/s, aimed at %d/s); write requests %d = %.2f per trace%n",
					stored.get(), elapsed, stored.get() / elapsed, rate, puts, puts / (double) stored.get());
		}
	}

	/** A bucket of traces over the last minutes, a block per 10,000; a fresh reader lists the newest 50. */
	private static void listSegments(S3ProxyServer server, Path directory, int traces) throws Exception {
		S3StorageSettings settings = settings();
		try (S3Client client = server.client()) {
			long fillStart = System.nanoTime();
			try (S3SegmentTraceStorage writer = S3SegmentTraceStorage.open(client, settings,
					directory.resolve("spool-" + UUID.randomUUID()), S3BlockSettings.DEFAULT)) {
				Instant first = Instant.now().minusMillis(traces);
				for (int i = 0; i < traces; i += 1000) {
					List<Trace> batch = new ArrayList<>();
					for (int j = i; j < i + 1000 && j < traces; j++) {
						batch.add(TestTraces.trace(first.plusMillis(j)));
					}
					writer.storeAll(batch);
					if ((i + 1000) % 10_000 == 0) {
						writer.flush();
					}
				}
				writer.flush();
			}
			System.out.printf("segments bucket: %d traces stored and uploaded in %.1f s%n", traces,
					(System.nanoTime() - fillStart) / 1e9);
			RecordingInterceptor recorder = new RecordingInterceptor();
			try (S3Client readerClient = server.client(recorder);
					S3SegmentTraceStorage reader = S3SegmentTraceStorage.open(readerClient, settings,
							directory.resolve("reader-" + UUID.randomUUID()), S3BlockSettings.DEFAULT)) {
				time("segments, newest 50 of " + traces + ", cold (fresh reader)", reader, recorder, 1);
				time("segments, newest 50 of " + traces + ", warm", reader, recorder, 20);
			}
		}
	}

	private static void listFolders(S3ProxyServer server, int traces) throws Exception {
		S3StorageSettings settings = settings();
		try (S3Client client = server.client()) {
			S3TraceStorage writer = new S3TraceStorage(client, settings);
			long fillStart = System.nanoTime();
			Instant first = Instant.now().minusMillis(traces);
			ExecutorService threads = Executors.newFixedThreadPool(8);
			for (int i = 0; i < traces; i++) {
				Instant start = first.plusMillis(i);
				threads.submit(() -> writer.store(TestTraces.trace(start)));
			}
			threads.shutdown();
			threads.awaitTermination(1, TimeUnit.HOURS);
			System.out.printf("folders bucket: %d traces stored in %.1f s%n", traces, (System.nanoTime() - fillStart) / 1e9);
			RecordingInterceptor recorder = new RecordingInterceptor();
			try (S3Client readerClient = server.client(recorder)) {
				S3TraceStorage reader = new S3TraceStorage(readerClient, settings);
				time("folders, newest 50 of " + traces, reader, recorder, 5);
			}
		}
	}

	private static void time(String what, TraceStorage storage, RecordingInterceptor recorder, int runs) {
		double[] millis = new double[runs];
		int requests = 0;
		for (int i = 0; i < runs; i++) {
			recorder.reset();
			long start = System.nanoTime();
			int items = storage.list(TraceQuery.newest()).items().size();
			millis[i] = (System.nanoTime() - start) / 1e6;
			requests = recorder.totalAttempts();
			if (items != 50) {
				throw new IllegalStateException("listed " + items);
			}
		}
		Arrays.sort(millis);
		System.out.printf("%s: median %.1f ms (min %.1f, max %.1f) over %d runs, %d requests each%n", what,
				millis[runs / 2], millis[0], millis[runs - 1], runs, requests);
	}

	private static int puts(RecordingInterceptor recorder) {
		return recorder.calls("PutObject") + recorder.calls("UploadPart") + recorder.calls("CreateMultipartUpload")
				+ recorder.calls("CompleteMultipartUpload");
	}

	private static S3StorageSettings settings() {
		return S3StorageSettings.of(BUCKET).withPrefix("bench/" + UUID.randomUUID());
	}

}
