package io.chronotrace.actuate.endpoint;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.chronotrace.actuate.endpoint.ui.TraceBrowserTestApplication;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.trace.TraceId;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A recorded request, its replay through the endpoint and a call the application makes to itself
 * through a {@code RestClient} built from Spring Boot's builder: the listing says where each
 * trace came from, links it to its trace, and hides what the application sent itself on request.
 */
@DirtiesContext
@SpringBootTest(classes = TraceBrowserTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "chronotrace.mode=always", "chronotrace.storage=memory",
				"management.endpoints.web.exposure.include=chronotrace",
				"management.endpoint.chronotrace.access=unrestricted" })
class TraceOriginEndToEndTests {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	@LocalServerPort
	private int port;

	@Autowired
	private TraceStorage storage;

	@Test
	void theListSaysWhereEachTraceCameFromAndCanKeepOnlyOrdinaryTraffic() {
		String product = send("GET", "/api/products/1", null, Map.of());
		String order = send("POST", "/api/orders", Map.of("productId", 1, "quantity", 1), Map.of());
		Map<String, Object> replayed = client().post()
			.uri("/actuator/chronotrace/{id}/replay", product)
			.retrieve()
			.body(JSON);
		String replay = (String) ((Map<?, ?>) replayed.get("replay")).get("traceId");
		String forged = send("GET", "/api/ping/3", null,
				Map.of("X-ChronoTrace-Replay-Of", product, "X-ChronoTrace-Self-Call-Token", order));

		Map<String, Map<String, Object>> listed = await().atMost(Duration.ofSeconds(10))
			.until(() -> list(""), (traces) -> traces.containsKey(replay) && traces.containsKey(forged)
					&& traces.values().stream().anyMatch((t) -> "/api/stock/1".equals(t.get("path"))));

		assertThat(listed.get(product)).containsEntry("origin", "request").containsEntry("originTraceId", null);
		assertThat(listed.get(order)).containsEntry("origin", "request");
		assertThat(listed.get(replay)).containsEntry("origin", "replay").containsEntry("originTraceId", product);
		assertThat(listed.get(forged)).containsEntry("origin", "request").containsEntry("originTraceId", null);
		Map<String, Object> stock = listed.values()
			.stream()
			.filter((t) -> "/api/stock/1".equals(t.get("path")))
			.findFirst()
			.orElseThrow();
		assertThat(stock).containsEntry("origin", "self-call").containsEntry("originTraceId", order);

		Map<String, Map<String, Object>> ordinary = list("?origin=request");
		assertThat(ordinary).containsKeys(product, order, forged).doesNotContainKeys(replay, (String) stock.get("id"));
		assertThat(list("?origin=replay,self-call").keySet()).containsExactlyInAnyOrder(replay,
				(String) stock.get("id"));

		Map<String, Object> trace = client().get().uri("/actuator/chronotrace/{id}", replay).retrieve().body(JSON);
		assertThat(trace).containsEntry("origin", "replay").containsEntry("originTraceId", product);
		assertThat(trace.get("id")).isEqualTo(replay);
	}

	@Test
	void anUnknownOriginIsA400NamingTheParameter() {
		ResponseEntity<String> answer = client().get()
			.uri("/actuator/chronotrace?origin=replays")
			.accept(MediaType.APPLICATION_JSON)
			.retrieve()
			.onStatus(HttpStatusCode::isError, (request, response) -> {
			})
			.toEntity(String.class);

		assertThat(answer.getStatusCode().value()).isEqualTo(400);
		assertThat(answer.getBody()).contains("Invalid origin 'replays'", "request, replay, self-call or generated-test");
	}

	private Map<String, Map<String, Object>> list(String query) {
		Map<String, Object> page = client().get()
			.uri("/actuator/chronotrace" + query)
			.accept(MediaType.APPLICATION_JSON)
			.retrieve()
			.body(JSON);
		Map<String, Map<String, Object>> byId = new java.util.LinkedHashMap<>();
		for (Object trace : (List<?>) page.get("traces")) {
			@SuppressWarnings("unchecked")
			Map<String, Object> summary = (Map<String, Object>) trace;
			byId.put((String) summary.get("id"), summary);
		}
		return byId;
	}

	/** Sends a request from a client of the test's own, not the application's. */
	private String send(String method, String path, Object body, Map<String, String> headers) {
		RestClient.RequestBodySpec request = client().method(org.springframework.http.HttpMethod.valueOf(method))
			.uri(path);
		headers.forEach(request::header);
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(body);
		}
		String id = request.retrieve().toBodilessEntity().getHeaders().getFirst("X-ChronoTrace-Id");
		assertThat(id).isNotNull();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.storage.retrieve(TraceId.parse(id)), Optional::isPresent);
		return id;
	}

	private RestClient client() {
		return RestClient.create("http://localhost:" + this.port);
	}

}
