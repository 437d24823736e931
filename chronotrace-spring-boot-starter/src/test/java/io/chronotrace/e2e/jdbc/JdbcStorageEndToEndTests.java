package io.chronotrace.e2e.jdbc;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.jdbc.PostgresServer;
import io.chronotrace.core.trace.DatabaseEvent;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.e2e.EndpointReads;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real application on a real PostgreSQL, configured with the README's jdbc yml, records its
 * requests into the table, shows them in health, and never records ChronoTrace's own SQL.
 */
@SpringBootTest(classes = JdbcStorageEndToEndTests.Application.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "chronotrace.mode=always", "chronotrace.storage=jdbc",
				"chronotrace.jdbc.initialize-schema=always", "management.endpoint.health.show-details=always",
				"spring.application.name=shop", "management.endpoints.web.exposure.include=health,chronotrace" })
class JdbcStorageEndToEndTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TraceStorage storage;

	private final HttpClient client = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		PostgresServer server = PostgresServer.get();
		String database = server.newDatabase();
		registry.add("spring.datasource.url", () -> server.url(database));
	}

	@Test
	void recordsRequestsIntoTheTableAndShowsThemInHealth() throws Exception {
		HttpResponse<String> response = send("/api/stock");
		TraceId id = TraceId.parse(response.headers().firstValue("X-ChronoTrace-Id").orElseThrow());

		await().atMost(Duration.ofSeconds(20)).until(() -> this.storage.retrieve(id).isPresent());
		Trace trace = this.storage.retrieve(id).orElseThrow();
		assertThat(trace.request().path()).isEqualTo("/api/stock");
		Map<String, Object> row = this.jdbc.queryForMap(
				"SELECT method, path, status, application FROM chronotrace_traces WHERE id = CAST(? AS uuid)",
				id.toString());
		assertThat(row).containsEntry("method", "GET").containsEntry("path", "/api/stock")
			.containsEntry("status", 200).containsEntry("application", "shop");
		List<String> statements = trace.events().stream()
			.filter(DatabaseEvent.class::isInstance)
			.map((event) -> ((DatabaseEvent) event).sql())
			.toList();
		assertThat(statements).anyMatch((sql) -> sql.contains("stock_level"))
			.noneMatch((sql) -> sql.contains("chronotrace_traces"));

		DocumentContext health = JsonPath.parse(send("/actuator/health").body());
		assertThat(health.read("$.components.chronotrace.status", String.class)).isEqualTo("UP");
		assertThat(health.read("$.components.chronotrace.details.storage", String.class)).isEqualTo("jdbc");
		assertThat(health.read("$.components.chronotrace.details.table", String.class)).isEqualTo("chronotrace_traces");
		assertThat(health.read("$.components.chronotrace.details.newestTrace", String.class))
			.isEqualTo(trace.startTime().truncatedTo(java.time.temporal.ChronoUnit.MICROS).toString());
		EndpointReads.assertListedAndRead(this.port, id.toString(), "/api/stock");
	}

	@Test
	void chronoTracesOwnStatementsAreNeverRecorded() throws Exception {
		for (int i = 0; i < 5; i++) {
			send("/api/stock");
		}
		String last = send("/api/stock").headers().firstValue("X-ChronoTrace-Id").orElseThrow();
		await().atMost(Duration.ofSeconds(20)).until(() -> this.storage.retrieve(TraceId.parse(last)).isPresent());

		List<byte[]> traces = this.jdbc.queryForList("SELECT trace FROM chronotrace_traces", byte[].class);
		assertThat(traces).hasSizeGreaterThanOrEqualTo(6);
		assertThat(this.storage.list(io.chronotrace.core.storage.TraceQuery.builder().limit(1000).build()).items())
			.allSatisfy((summary) -> assertThat(this.storage.retrieve(summary.id()).orElseThrow().events())
				.filteredOn(DatabaseEvent.class::isInstance)
				.extracting((event) -> ((DatabaseEvent) event).sql())
				.noneMatch((sql) -> sql.contains("chronotrace")));
	}

	private HttpResponse<String> send(String path) throws Exception {
		return this.client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(StockController.class)
	static class Application {

	}

	@RestController
	static class StockController {

		private final JdbcTemplate jdbc;

		StockController(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
			jdbc.execute("CREATE TABLE IF NOT EXISTS stock_level (sku VARCHAR(16) PRIMARY KEY, quantity INT)");
			jdbc.update("INSERT INTO stock_level VALUES ('A-1', 7) ON CONFLICT DO NOTHING");
		}

		@GetMapping("/api/stock")
		List<Map<String, Object>> stock() {
			return this.jdbc.queryForList("SELECT sku, quantity FROM stock_level");
		}

	}

}
