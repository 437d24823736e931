package io.chronotrace.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.segment.SegmentTraceStorage;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real application with {@code chronotrace.layout=segments} records its requests into
 * segment files, reads them back by id and in listings, and reports the layout in health.
 */
@SpringBootTest(classes = ShopTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "chronotrace.mode=always", "chronotrace.layout=segments", "spring.application.name=shop",
				"management.endpoint.health.show-details=always", "management.endpoints.web.exposure.include=health,chronotrace" })
class SegmentLayoutEndToEndTests {

	@TempDir
	static Path root;

	@LocalServerPort
	int port;

	@Autowired
	TraceStorage storage;

	private final HttpClient client = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void storagePath(DynamicPropertyRegistry registry) {
		registry.add("chronotrace.path", () -> root.resolve("traces").toString());
	}

	@Test
	void recordsRequestsIntoSegmentsAndReadsThemBack() throws Exception {
		HttpResponse<String> get = send(HttpRequest.newBuilder(uri("/api/products?page=1")).GET());
		TraceId id = TraceId.parse(get.headers().firstValue("X-ChronoTrace-Id").orElseThrow());

		Trace trace = await().atMost(Duration.ofSeconds(10)).until(() -> this.storage.retrieve(id), Optional::isPresent)
			.orElseThrow();

		assertThat(this.storage).isInstanceOf(SegmentTraceStorage.class);
		assertThat(trace.response().body().content()).isEqualTo(get.body());
		assertThat(this.storage.list(TraceQuery.builder().pathPrefix("/api/products").build()).items())
			.anySatisfy((summary) -> assertThat(summary.id()).isEqualTo(id));
		try (Stream<Path> files = Files.walk(root.resolve("traces"))) {
			assertThat(files.map((file) -> file.getFileName().toString()))
				.anySatisfy((name) -> assertThat(name).endsWith(".open.seg"))
				.noneSatisfy((name) -> assertThat(name).isEqualTo("metadata.json"));
		}
		DocumentContext health = JsonPath.parse(send(HttpRequest.newBuilder(uri("/actuator/health")).GET()).body());
		assertThat(health.read("$.components.chronotrace.status", String.class)).isEqualTo("UP");
		assertThat(health.read("$.components.chronotrace.details.layout", String.class)).isEqualTo("segments");
		EndpointReads.assertListedAndRead(this.port, id.toString(), "/api/products");
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.client.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
	}

}
