package io.chronotrace.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.s3.S3ProxyServer;
import io.chronotrace.core.storage.s3.S3StorageSettings;
import io.chronotrace.core.storage.s3.segment.S3BlockSettings;
import io.chronotrace.core.storage.s3.segment.S3SegmentTraceStorage;
import io.chronotrace.core.trace.TraceId;
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
				"--management.endpoint.health.show-details=always", "--chronotrace.queue-fallback=sync")) {
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
		}

		// another reader of the bucket, with a spool of its own
		try (S3Client readerClient = server.client();
				S3SegmentTraceStorage reader = S3SegmentTraceStorage.open(readerClient, S3StorageSettings.of(BUCKET),
						directory.resolve("reader"), S3BlockSettings.DEFAULT)) {
			ids.forEach((id) -> assertThat(reader.retrieve(id)).isPresent());
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
