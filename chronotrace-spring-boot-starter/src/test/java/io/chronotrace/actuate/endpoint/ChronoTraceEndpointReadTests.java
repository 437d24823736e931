package io.chronotrace.actuate.endpoint;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TestTraces;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint's read operations on a real server, with the endpoint exposed and its default
 * (read-only) access: JSON shapes, the HTML variant, 404 and 400 answers, and the write
 * operations refused with actuator's own status.
 */
@SpringBootTest(classes = EndpointTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=health,chronotrace", "spring.application.name=shop" })
class ChronoTraceEndpointReadTests {

	private static final Instant NOON = Instant.parse("2026-11-30T12:00:00.123Z");

	@TempDir
	static Path root;

	@LocalServerPort
	int port;

	@Autowired
	TraceStorage storage;

	private EndpointClient client;

	private Trace full;

	@DynamicPropertySource
	static void storagePath(DynamicPropertyRegistry registry) {
		registry.add("chronotrace.path", () -> root.resolve("traces").toString());
	}

	@BeforeEach
	void storeTraces() {
		this.client = new EndpointClient(this.port);
		if (this.storage.list(io.chronotrace.core.storage.TraceQuery.newest()).items().isEmpty()) {
			for (int i = 0; i < 5; i++) {
				this.storage.store(TestTraces.builder(NOON.minusSeconds(3600L * i)).path("/api/items/" + i)
					.status((i % 2 == 0) ? 200 : 503).build());
			}
			this.storage.store(TestTraces.full(NOON.plusSeconds(60), root));
		}
		this.full = this.storage.list(io.chronotrace.core.storage.TraceQuery.newest()).items().get(0).id().toString()
			.transform((id) -> this.storage.retrieve(io.chronotrace.core.trace.TraceId.parse(id)).orElseThrow());
	}

	@Test
	@SuppressWarnings("unchecked")
	void listsSummariesNewestFirst() {
		HttpResponse<String> response = this.client.get("/actuator/chronotrace", "application/json");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/json"));
		Map<String, Object> page = json(response.body());
		List<Map<String, Object>> traces = (List<Map<String, Object>>) page.get("traces");
		assertThat(traces).hasSize(6);
		assertThat(page).containsEntry("next", null);
		Map<String, Object> first = traces.get(0);
		assertThat(first).containsOnlyKeys("id", "startTime", "method", "path", "status", "durationMicros",
				"application", "hasException", "exceptionType", "eventCount");
		assertThat(first).containsEntry("id", this.full.id().toString())
			.containsEntry("startTime", "2026-11-30T12:01:00.123Z")
			.containsEntry("method", "POST")
			.containsEntry("path", "/api/orders")
			.containsEntry("status", 500)
			.containsEntry("durationMicros", 187654)
			.containsEntry("application", "shop")
			.containsEntry("hasException", true)
			.containsEntry("exceptionType", "java.lang.IllegalStateException")
			.containsEntry("eventCount", 9);
	}

	private static Map<String, Object> json(String body) {
		return JsonMapper.builder().build().readValue(body, Map.class);
	}

}
