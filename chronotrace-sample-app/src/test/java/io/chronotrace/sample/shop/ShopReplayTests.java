package io.chronotrace.sample.shop;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.chronotrace.capture.testing.AbstractStoredTraceTests;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An order replayed through the endpoint with the sample's own configuration: isolated, its two
 * warehouse calls are answered from the recording, the scrubbed e-mail address is replaced by
 * the configured substitute, and the new order id is ignored, so the replay is identical.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ShopReplayTests extends AbstractStoredTraceTests {

	@Test
	void anOrderReplayedIsolatedIsIdenticalWithItsWarehouseCallsServedFromTheRecording() {
		ResponseEntity<String> order = client().post()
			.uri("/api/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("customerEmail", "ada@example.com", "lines",
					List.of(Map.of("productId", 1, "quantity", 2), Map.of("productId", 3, "quantity", 1))))
			.retrieve()
			.toEntity(String.class);
		String id = order.getHeaders().getFirst("X-ChronoTrace-Id");
		traceOf(order);

		ResponseEntity<String> replay = client().post()
			.uri("/actuator/chronotrace/{id}/replay?isolated=true", id)
			.contentType(MediaType.APPLICATION_JSON)
			.retrieve()
			.toEntity(String.class);

		assertThat(replay.getStatusCode().value()).isEqualTo(200);
		JsonNode answer = JsonMapper.builder().build().readTree(replay.getBody());
		assertThat(answer.get("identical").asBoolean()).as(replay.getBody()).isTrue();
		assertThat(answer.get("replay").get("body").asString()).contains("\"total\":58.30", "CONFIRMED");
		assertThat(answer.get("servedFromRecording").findValuesAsString("url")).hasSize(2)
			.allSatisfy((url) -> assertThat(url).contains("/api/warehouse/stock/"));
		assertThat(answer.get("unmatchedCalls").isEmpty()).isTrue();
	}

}
