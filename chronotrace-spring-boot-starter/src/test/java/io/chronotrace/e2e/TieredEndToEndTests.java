package io.chronotrace.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.chronotrace.core.storage.redis.RedisServer;
import io.chronotrace.core.storage.s3.S3ProxyServer;
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
 * An application configured as the README's tiered section says keeps a request's trace in
 * Redis, moves it to the bucket once older than the hot retention, and shows both tiers in its
 * health.
 */
class TieredEndToEndTests {

	private static final String BUCKET = "shop-archive";

	@TempDir
	static Path directory;

	static RedisServer redis;

	static S3ProxyServer s3;

	static S3Client bucket;

	@BeforeAll
	static void startServers() {
		redis = RedisServer.start();
		s3 = S3ProxyServer.start(directory.resolve("s3"), false);
		s3.createBucket(BUCKET);
		bucket = s3.client();
	}

	@AfterAll
	static void stopServers() {
		bucket.close();
		s3.close();
		redis.close();
	}

	@Test
	void keepsRecentTracesInRedisMovesOlderOnesToTheBucketAndShowsBothTiersInHealth() throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ShopTestApplication.class).run(
				"--server.port=0", "--spring.main.banner-mode=off", "--chronotrace.mode=always",
				"--chronotrace.storage=tiered", "--chronotrace.tiered.hot=redis", "--chronotrace.tiered.cold=s3",
				"--chronotrace.tiered.hot-retention=4s", "--chronotrace.tiered.move-interval=500ms",
				"--spring.autoconfigure.exclude=", "--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + redis.port(),
				"--chronotrace.s3.bucket=" + BUCKET, "--chronotrace.s3.endpoint=" + s3.endpoint(),
				"--chronotrace.s3.region=us-east-1", "--chronotrace.s3.spool.path=" + directory.resolve("spool"),
				"--spring.cloud.aws.credentials.access-key=" + S3ProxyServer.ACCESS_KEY,
				"--spring.cloud.aws.credentials.secret-key=" + S3ProxyServer.SECRET_KEY,
				"--management.endpoint.health.show-details=always", EndpointReads.exposure())) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			HttpClient client = HttpClient.newHttpClient();

			String id = get(client, port, "/api/products").headers().firstValue("X-ChronoTrace-Id").orElseThrow();
			await().atMost(Duration.ofSeconds(10)).until(() -> ":1".equals(redis.command("EXISTS chronotrace:trace:" + id)));
			assertThat(keys()).doesNotContain(metadataKey(id));

			DocumentContext health = JsonPath.parse(get(client, port, "/actuator/health").body());
			assertThat(health.read("$.components.chronotrace.status", String.class)).isEqualTo("UP");
			assertThat(health.read("$.components.chronotrace.details.storage", String.class)).isEqualTo("tiered");
			assertThat(health.read("$.components.chronotrace.details.hot.storage", String.class)).isEqualTo("redis");
			assertThat(health.read("$.components.chronotrace.details.hot.status", String.class)).isEqualTo("UP");
			assertThat(health.read("$.components.chronotrace.details.cold.storage", String.class)).isEqualTo("s3");
			assertThat(health.read("$.components.chronotrace.details.cold.bucket", String.class)).isEqualTo(BUCKET);
			// read from the hot tier
			EndpointReads.assertListedAndRead(port, id, "/api/products");

			// older than the hot retention: moved to the bucket, then gone from Redis
			await().atMost(Duration.ofSeconds(20)).until(() -> keys().contains(metadataKey(id)));
			await().atMost(Duration.ofSeconds(10)).until(() -> ":0".equals(redis.command("EXISTS chronotrace:trace:" + id)));
			assertThat(get(client, port, "/actuator/health").statusCode()).isEqualTo(200);
			// read from the cold tier
			EndpointReads.assertListedAndRead(port, id, "/api/products");
		}
	}

	private static String metadataKey(String id) {
		return "traces/" + LocalDate.now(ZoneOffset.UTC) + "/" + id + "/metadata.json";
	}

	private static java.util.List<String> keys() {
		return bucket.listObjectsV2Paginator((list) -> list.bucket(BUCKET))
			.contents()
			.stream()
			.map(S3Object::key)
			.toList();
	}

	private static HttpResponse<String> get(HttpClient client, int port, String path) throws Exception {
		return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
