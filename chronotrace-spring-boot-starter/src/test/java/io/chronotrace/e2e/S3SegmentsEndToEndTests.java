package io.chronotrace.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.s3.S3ProxyServer;
import io.chronotrace.core.storage.s3.S3StorageSettings;
import io.chronotrace.core.storage.s3.segment.S3BlockSettings;
import io.chronotrace.core.storage.s3.segment.S3SegmentTraceStorage;
import io.chronotrace.core.trace.TraceId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An application with {@code chronotrace.storage=s3} and {@code chronotrace.layout=segments}
 * finds its traces at once, uploads them as one block per segment rather than objects per
 * trace, and another reader of the bucket finds them there.
 */
class S3SegmentsEndToEndTests {

	private static final String BUCKET = "shop-blocks";

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
	void requestsAreFoundAtOnceAndGoUpAsOneBlockThatOtherReadersFind() throws Exception {
		List<TraceId> ids = new ArrayList<>();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ShopTestApplication.class).run(
				"--server.port=0", "--spring.main.banner-mode=off", "--chronotrace.mode=always",
				"--chronotrace.storage=s3", "--chronotrace.layout=segments", "--chronotrace.s3.bucket=" + BUCKET,
				"--chronotrace.s3.endpoint=" + server.endpoint(), "--chronotrace.s3.region=us-east-1",
				"--chronotrace.s3.spool.path=" + directory.resolve("spool"), "--chronotrace.s3.block.max-age=3s",
				"--spring.cloud.aws.credentials.access-key=" + S3ProxyServer.ACCESS_KEY,
				"--spring.cloud.aws.credentials.secret-key=" + S3ProxyServer.SECRET_KEY,
				"--management.endpoint.health.show-details=always", "--chronotrace.queue-fallback=sync",
				EndpointReads.exposure())) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			HttpClient client = HttpClient.newHttpClient();
			TraceStorage storage = context.getBean(TraceStorage.class);
			for (int i = 0; i < 30; i++) {
				ids.add(TraceId.parse(get(client, port, "/api/products?page=" + i).headers()
					.firstValue("X-ChronoTrace-Id")
					.orElseThrow()));
			}

			// the application finds its traces before any upload, in its local segments
			await().atMost(Duration.ofSeconds(10)).until(() -> storage.retrieve(ids.get(29)).isPresent());
			assertThat(storage).isInstanceOf(S3SegmentTraceStorage.class);

			// the segment goes up at its age: one block and its index, not two objects per trace
			await().atMost(Duration.ofSeconds(30))
				.until(() -> keys().stream().filter((key) -> key.endsWith(".idx")).count() >= 1
						&& ((S3SegmentTraceStorage) storage).blocksWaiting() == 0);
			assertThat(keys()).allMatch((key) -> key.endsWith(".seg") || key.endsWith(".idx"));
			// one block per 3 s of requests: the folders layout would have written 60 objects
			assertThat(keys().size()).isLessThanOrEqualTo(10);

			DocumentContext health = JsonPath.parse(get(client, port, "/actuator/health").body());
			assertThat(health.read("$.components.chronotrace.status", String.class)).isEqualTo("UP");
			assertThat(health.read("$.components.chronotrace.details.layout", String.class)).isEqualTo("segments");
			// read from the uploaded block
			EndpointReads.assertListedAndRead(port, ids.get(0).toString(), "/api/products");
		}

		// another reader of the bucket, with a spool of its own
		try (S3Client readerClient = server.client();
				S3SegmentTraceStorage reader = S3SegmentTraceStorage.open(readerClient, S3StorageSettings.of(BUCKET),
						directory.resolve("reader"), S3BlockSettings.DEFAULT)) {
			ids.forEach((id) -> assertThat(reader.retrieve(id)).isPresent());
		}
	}

	@Test
	void whileS3IsDownAFullSpoolDropsNewTracesHealthSaysWhyAndRequestsAreServed() throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ShopTestApplication.class).run(
				"--server.port=0", "--spring.main.banner-mode=off", "--chronotrace.mode=always",
				"--chronotrace.storage=s3", "--chronotrace.layout=segments", "--chronotrace.s3.bucket=" + BUCKET,
				"--chronotrace.s3.path-prefix=full-spool", "--chronotrace.s3.endpoint=" + server.endpoint(),
				"--chronotrace.s3.region=us-east-1", "--chronotrace.s3.spool.path=" + directory.resolve("full-spool"),
				"--chronotrace.s3.spool.max-size=192KB", "--chronotrace.s3.block.max-size=64KB",
				"--spring.cloud.aws.credentials.access-key=" + S3ProxyServer.ACCESS_KEY,
				"--spring.cloud.aws.credentials.secret-key=" + S3ProxyServer.SECRET_KEY,
				"--management.endpoint.health.show-details=always", "--chronotrace.queue-fallback=sync")) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			HttpClient client = HttpClient.newHttpClient();
			Counter failed = context.getBean(MeterRegistry.class).get("chronotrace.traces.failed").counter();
			server.stop();
			try {
				// the app keeps serving while the spool fills up, then drops and counts traces
				await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(10)).until(() -> {
					for (int i = 0; i < 20; i++) {
						assertThat(get(client, port, "/api/products?page=" + i).statusCode()).isEqualTo(200);
					}
					return failed.count() > 0;
				});
				await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
					DocumentContext health = JsonPath.parse(get(client, port, "/actuator/health").body());
					assertThat(health.read("$.components.chronotrace.status", String.class)).isEqualTo("DOWN");
					assertThat(health.read("$.components.chronotrace.details.reason", String.class)).contains("is full")
						.contains("chronotrace.s3.spool.max-size");
					assertThat(health.read("$.components.chronotrace.details.spoolDropped", Long.class)).isPositive();
				});
				assertThat(directorySize(directory.resolve("full-spool"))).isLessThan(192 * 1024 + 64 * 1024);
			}
			finally {
				server.start();
			}

			// S3 is back: the waiting blocks go up, and the next request's trace is stored again
			await().atMost(Duration.ofSeconds(90)).until(() -> ((S3SegmentTraceStorage) context.getBean(TraceStorage.class))
				.blocksWaiting() == 0 && JsonPath.parse(get(client, port, "/actuator/health").body())
					.read("$.components.chronotrace.status", String.class)
					.equals("UP"));
			double failedBefore = failed.count();
			TraceId id = TraceId.parse(get(client, port, "/api/products?page=1").headers()
				.firstValue("X-ChronoTrace-Id")
				.orElseThrow());
			await().atMost(Duration.ofSeconds(10)).until(() -> context.getBean(TraceStorage.class).retrieve(id).isPresent());
			assertThat(failed.count()).isEqualTo(failedBefore);
		}
	}

	private static long directorySize(Path directory) throws IOException {
		try (Stream<Path> files = Files.walk(directory)) {
			return files.filter(Files::isRegularFile).mapToLong((file) -> file.toFile().length()).sum();
		}
	}

	private static HttpResponse<String> get(HttpClient client, int port, String path) throws Exception {
		return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.timeout(Duration.ofSeconds(20))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static List<String> keys() {
		return bucket.listObjectsV2Paginator((list) -> list.bucket(BUCKET)).contents().stream().map(S3Object::key).toList();
	}

}
