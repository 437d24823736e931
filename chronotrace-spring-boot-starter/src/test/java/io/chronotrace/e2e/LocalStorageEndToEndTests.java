package io.chronotrace.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real application on a random port, configured only through properties as the README shows,
 * records its requests as files under {@code {path}/{date}/{id}/} and reports storage health.
 */
@SpringBootTest(classes = ShopTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "chronotrace.mode=always", "spring.application.name=shop",
				"management.endpoint.health.show-details=always", "chronotrace.purge-cron=* * * * * *",
				"chronotrace.retention-days=15", "management.endpoints.web.exposure.include=health,chronotrace" })
class LocalStorageEndToEndTests {

	@TempDir
	static Path root;

	@LocalServerPort
	int port;

	private final HttpClient client = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void storagePath(DynamicPropertyRegistry registry) {
		registry.add("chronotrace.path", () -> root.resolve("traces").toString());
	}

	@Test
	void recordsRequestsAsCompressedTraceFilesUnderTheDayFolder() throws Exception {
		HttpResponse<String> get = send(HttpRequest.newBuilder(uri("/api/products?page=1")).GET());
		String order = "{\"customer\":\"Zoë\",\"lines\":[{\"productId\":1,\"quantity\":2}]}";
		HttpResponse<String> post = send(HttpRequest.newBuilder(uri("/api/orders"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(order)));

		String getId = get.headers().firstValue("X-ChronoTrace-Id").orElseThrow();
		String postId = post.headers().firstValue("X-ChronoTrace-Id").orElseThrow();
		Trace getTrace = StoredTraceFiles.awaitTrace(traces(), getId);
		Trace postTrace = StoredTraceFiles.awaitTrace(traces(), postId);

		assertThat(StoredTraceFiles.folder(traces(), getId).resolve("metadata.json")).isRegularFile();
		assertThat(getTrace.application()).isEqualTo("shop");
		assertThat(getTrace.request().url()).endsWith("/api/products?page=1");
		assertThat(getTrace.response().status()).isEqualTo(200);
		assertThat(getTrace.response().body().content()).isEqualTo(get.body());
		assertThat(postTrace.request().method()).isEqualTo("POST");
		assertThat(postTrace.request().body().encoding()).isEqualTo(TraceBody.Encoding.TEXT);
		assertThat(postTrace.request().body().content()).isEqualTo(order);
		assertThat(postTrace.response().body().content()).isEqualTo(post.body());
		EndpointReads.assertListedAndRead(this.port, getId, "/api/products");
		EndpointReads.assertListedAndRead(this.port, postId, "/api/orders");
	}

	@Test
	void recordsTheExceptionAndThe500() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/fail")).GET());
		assertThat(response.statusCode()).isEqualTo(500);
		Trace trace = StoredTraceFiles.awaitTrace(traces(),
				response.headers().firstValue("X-ChronoTrace-Id").orElseThrow());
		assertThat(trace.response().status()).isEqualTo(500);
		assertThat(trace.exception().type()).isEqualTo(IllegalStateException.class.getName());
	}

	@Test
	void healthShowsTraceStorage() throws Exception {
		HttpResponse<String> health = send(HttpRequest.newBuilder(uri("/actuator/health")).GET());
		assertThat(health.statusCode()).isEqualTo(200);
		DocumentContext json = JsonPath.parse(health.body());
		assertThat(json.read("$.components.chronotrace.status", String.class)).isEqualTo("UP");
		assertThat(json.read("$.components.chronotrace.details.storage", String.class)).isEqualTo("local");
		assertThat(json.read("$.components.chronotrace.details.location", String.class))
			.isEqualTo(traces().toString());
		assertThat(json.read("$.components.chronotrace.details.queueDepth", Integer.class)).isNotNull();
		assertThat(json.read("$.components.chronotrace.details.dropped", Integer.class)).isZero();
		assertThat(health.headers().firstValue("X-ChronoTrace-Id")).isEmpty();
	}

	@Test
	void purgeCronDropsDayFoldersOlderThanRetentionDays() throws Exception {
		String id = send(HttpRequest.newBuilder(uri("/api/products")).GET()).headers()
			.firstValue("X-ChronoTrace-Id")
			.orElseThrow();
		Path today = StoredTraceFiles.folder(traces(), id);
		await().atMost(Duration.ofSeconds(20)).until(() -> Files.isDirectory(today));
		Path old = traces().resolve(LocalDate.now(ZoneOffset.UTC).minusDays(16).toString());
		Path recent = traces().resolve(LocalDate.now(ZoneOffset.UTC).minusDays(14).toString());
		copyFolder(today, old.resolve("0192f5e4-6a1b-7cde-8f01-23456789abcd"));
		copyFolder(today, recent.resolve("0192f5e4-6a1b-7cde-8f01-23456789abce"));
		// the purge cron fires every second in this test
		await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(old));
		assertThat(recent).isDirectory();
		assertThat(today).isDirectory();
	}

	private static void copyFolder(Path from, Path to) throws IOException {
		Files.createDirectories(to);
		try (var files = Files.list(from)) {
			for (Path file : files.toList()) {
				Files.copy(file, to.resolve(file.getFileName()));
			}
		}
	}

	private static Path traces() {
		return root.resolve("traces");
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.client.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
	}

}
