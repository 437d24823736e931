package io.chronotrace.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.redis.RedisServer;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.trace.TraceSummary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An application configured as the README's Redis section says records a request into a real
 * Redis, lists it, shows Redis in its health, and stores what is still queued when it stops.
 */
class RedisEndToEndTests {

	static RedisServer server;

	@BeforeAll
	static void startServer() {
		server = RedisServer.start();
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void recordsARequestIntoRedisAndShowsRedisInHealth() throws Exception {
		String id;
		try (ConfigurableApplicationContext context = start()) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			HttpClient client = HttpClient.newHttpClient();

			id = get(client, port, "/api/products").headers().firstValue("X-ChronoTrace-Id").orElseThrow();
			TraceStorage storage = context.getBean(TraceStorage.class);
			await().atMost(Duration.ofSeconds(20)).until(() -> storage.retrieve(TraceId.parse(id)).isPresent());
			assertThat(server.command("EXISTS chronotrace:trace:" + id)).isEqualTo(":1");
			assertThat(storage.list(TraceQuery.newest()).items()).extracting(TraceSummary::path)
				.contains("/api/products");

			DocumentContext health = JsonPath.parse(get(client, port, "/actuator/health").body());
			assertThat(health.read("$.components.chronotrace.status", String.class)).isEqualTo("UP");
			assertThat(health.read("$.components.chronotrace.details.storage", String.class)).isEqualTo("redis");
			assertThat(health.read("$.components.chronotrace.details.location", String.class))
				.contains("127.0.0.1:" + server.port());
			assertThat(health.read("$.components.chronotrace.details.usedMemory", String.class)).isNotBlank();
			EndpointReads.assertListedAndRead(port, id, "/api/products");

			// requests still queued when the application stops reach Redis before its connection closes
			for (int i = 0; i < 50; i++) {
				get(client, port, "/api/products");
			}
		}
		assertThat(Long.parseLong(server.command("ZCARD chronotrace:day:" + java.time.LocalDate.now(java.time.ZoneOffset.UTC)).substring(1)))
			.isEqualTo(51);
	}

	private static ConfigurableApplicationContext start() {
		// the README's yml for Redis
		return new SpringApplicationBuilder(ShopTestApplication.class).run("--server.port=0",
				"--spring.main.banner-mode=off", "--chronotrace.mode=always", "--chronotrace.storage=redis",
				"--spring.autoconfigure.exclude=", "--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + server.port(),
				"--management.endpoint.health.show-details=always", "--chronotrace.queue-fallback=sync",
				EndpointReads.exposure());
	}

	private static HttpResponse<String> get(HttpClient client, int port, String path) throws Exception {
		return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
