package io.chronotrace.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.chronotrace.core.retention.TracePurger;
import io.chronotrace.core.storage.s3.S3ProxyServer;
import io.chronotrace.core.write.AsyncTraceWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An application configured for S3 only through properties records into a real S3-compatible
 * server (S3Proxy), purges old days, reports the bucket in its health, and loses no trace
 * while the server is stopped under load and started again.
 */
class S3EndToEndTests {

	private static final String BUCKET = "shop-traces";

	@TempDir
	static Path directory;

	static S3ProxyServer server;

	static S3Client bucket;

	@BeforeAll
	static void startServer() {
		server = S3ProxyServer.start(directory.resolve("s3"));
		server.createBucket(BUCKET);
		bucket = server.client();
	}

	@AfterAll
	static void stopServer() {
		bucket.close();
		server.close();
	}

	@Test
	void recordsIntoTheBucketPurgesOldDaysAndLosesNoTraceAcrossAnOutage() throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ShopTestApplication.class).run(
				"--server.port=0", "--spring.main.banner-mode=off", "--chronotrace.mode=always",
				"--chronotrace.storage=s3", "--chronotrace.s3.bucket=" + BUCKET,
				"--chronotrace.s3.endpoint=" + server.endpoint(), "--chronotrace.s3.region=us-east-1",
				"--chronotrace.s3.spool.path=" + directory.resolve("spool"),
				"--chronotrace.s3.spool.retry-interval=500ms",
				"--spring.cloud.aws.credentials.access-key=" + S3ProxyServer.ACCESS_KEY,
				"--spring.cloud.aws.credentials.secret-key=" + S3ProxyServer.SECRET_KEY,
				"--management.endpoint.health.show-details=always",
				// every request's trace is accepted: none is dropped for a full queue, so every id must arrive
				"--chronotrace.queue-fallback=sync", EndpointReads.exposure())) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			HttpClient client = HttpClient.newHttpClient();

			// traces land in the bucket under {prefix}/{day}/{id}/
			String id = get(client, port, "/api/products").headers().firstValue("X-ChronoTrace-Id").orElseThrow();
			// metadata.json is written last: once it is there, the trace is whole
			await().atMost(Duration.ofSeconds(20))
				.until(() -> keys().contains("traces/" + today() + "/" + id + "/metadata.json"));
			assertThat(keys()).contains(traceKey(id));

			// health reports the bucket
			DocumentContext health = JsonPath.parse(get(client, port, "/actuator/health").body());
			assertThat(health.read("$.components.chronotrace.status", String.class)).isEqualTo("UP");
			assertThat(health.read("$.components.chronotrace.details.bucket", String.class)).isEqualTo(BUCKET);
			EndpointReads.assertListedAndRead(port, id, "/api/products");

			// the purge deletes days older than the retention period
			String old = "traces/" + today().minusDays(30) + "/0192f5e4-6a1b-7cde-8f01-23456789abcd/metadata.json";
			bucket.putObject((put) -> put.bucket(BUCKET).key(old), RequestBody.fromString("{}"));
			context.getBean(TracePurger.class).purge();
			assertThat(keys()).doesNotContain(old).contains(traceKey(id));

			// the server stops under load: requests keep succeeding, quickly
			Set<String> ids = ConcurrentHashMap.newKeySet();
			List<Long> outageLatencies = new CopyOnWriteArrayList<>();
			AtomicLong failures = new AtomicLong();
			AtomicBoolean outage = new AtomicBoolean();
			AtomicBoolean running = new AtomicBoolean(true);
			ExecutorService load = Executors.newFixedThreadPool(4);
			for (int i = 0; i < 4; i++) {
				load.submit(() -> {
					while (running.get()) {
						long start = System.nanoTime();
						try {
							HttpResponse<String> response = get(client, port, "/api/products");
							if (response.statusCode() != 200) {
								failures.incrementAndGet();
							}
							response.headers().firstValue("X-ChronoTrace-Id").ifPresent(ids::add);
						}
						catch (Exception ex) {
							failures.incrementAndGet();
						}
						if (outage.get()) {
							outageLatencies.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
						}
						Thread.sleep(5);
					}
					return null;
				});
			}
			Thread.sleep(1000);
			server.stop();
			outage.set(true);
			Thread.sleep(6000);
			// health answers from a probe run at most every 10 s: it turns DOWN within that
			DocumentContext down = JsonPath.parse(get(client, port, "/actuator/health").body());
			long healthDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(25);
			while (!"DOWN".equals(down.read("$.components.chronotrace.status", String.class))
					&& System.nanoTime() < healthDeadline) {
				Thread.sleep(500);
				down = JsonPath.parse(get(client, port, "/actuator/health").body());
			}
			outage.set(false);
			server.start();
			Thread.sleep(1000);
			running.set(false);
			load.shutdown();
			assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

			assertThat(failures).hasValue(0);
			assertThat(context.getBean(AsyncTraceWriter.class).droppedCount()).isZero();
			assertThat(outageLatencies).as("requests served while S3 was down").hasSizeGreaterThan(20);
			// a request that waited on S3 would take the SDK's attempt timeout (15 s) or more
			assertThat(outageLatencies.stream().mapToLong(Long::longValue).max().orElseThrow()).isLessThan(5000);
			assertThat(down.read("$.components.chronotrace.status", String.class)).isEqualTo("DOWN");
			assertThat(down.read("$.components.chronotrace.details.reason", String.class)).isNotBlank();

			// every accepted trace ends up in the bucket once the server is back
			await().atMost(Duration.ofSeconds(90))
				.pollInterval(Duration.ofSeconds(1))
				.untilAsserted(() -> assertThat(keys()).containsAll(
						ids.stream().map(S3EndToEndTests::traceKey).collect(Collectors.toSet())));
		}
	}

	private static HttpResponse<String> get(HttpClient client, int port, String path) throws Exception {
		return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.timeout(Duration.ofSeconds(30))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String traceKey(String id) {
		return "traces/" + LocalDate.ofInstant(io.chronotrace.core.trace.TraceId.parse(id).timestamp().orElseThrow(),
				ZoneOffset.UTC) + "/" + id + "/trace.json.gz";
	}

	private static LocalDate today() {
		return LocalDate.now(ZoneOffset.UTC);
	}

	private static Set<String> keys() {
		return bucket.listObjectsV2Paginator((list) -> list.bucket(BUCKET))
			.contents()
			.stream()
			.map(S3Object::key)
			.collect(Collectors.toSet());
	}

}
