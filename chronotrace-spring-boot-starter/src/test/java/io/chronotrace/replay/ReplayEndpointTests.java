package io.chronotrace.replay;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.replay.ReplayTestApplication.Shop;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /actuator/chronotrace/{id}/replay} on a real server with write access: the JSON
 * answer, isolation asked for by query parameter or by body, and the 404 and 400 answers.
 */
@SpringBootTest(classes = ReplayTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "chronotrace.mode=always", "chronotrace.storage=memory",
				"management.endpoints.web.exposure.include=chronotrace",
				"management.endpoint.chronotrace.access=unrestricted" })
class ReplayEndpointTests {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private TraceStorage storage;

	@Autowired
	private Shop shop;

	private Warehouse warehouse;

	@BeforeEach
	void startWarehouse() throws IOException {
		this.warehouse = new Warehouse();
		this.shop.warehouse.set(this.warehouse.url());
	}

	@AfterEach
	void stopWarehouse() {
		this.warehouse.close();
	}

	@Test
	void answersTheComparisonAsJson() throws Exception {
		String id = record("/basket");
		HttpResponse<String> response = post("/actuator/chronotrace/" + id + "/replay", null);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/json"));
		JsonNode answer = mapper.readTree(response.body());
		assertThat(answer.propertyNames()).contains("original", "replay", "identical", "differences", "isolated",
				"servedFromRecording", "unmatchedCalls");
		assertThat(answer.get("original").get("status").asInt()).isEqualTo(200);
		assertThat(answer.get("original").get("body").asString()).contains("\"price\"");
		assertThat(answer.get("original").get("headers").get("Content-Type").get(0).asString())
			.startsWith("application/json");
		assertThat(answer.get("replay").get("status").asInt()).isEqualTo(200);
		assertThat(TraceId.isValid(answer.get("replay").get("traceId").asString())).isTrue();
		assertThat(answer.get("identical").asBoolean()).isTrue();
		assertThat(answer.get("differences").isEmpty()).isTrue();
		assertThat(answer.get("isolated").asBoolean()).isFalse();
	}

	@Test
	void aDifferenceNamesItsKindPathAndBothValues() throws Exception {
		String id = record("/basket");
		this.shop.price.set(new java.math.BigDecimal("6"));
		try {
			JsonNode answer = mapper.readTree(post("/actuator/chronotrace/" + id + "/replay", null).body());
			assertThat(answer.get("identical").asBoolean()).isFalse();
			assertThat(answer.get("differences").toString())
				.isEqualTo("[{\"kind\":\"body\",\"path\":\"$.items[0].price\",\"original\":\"4.5\",\"replay\":\"6\"}]");
		}
		finally {
			this.shop.price.set(new java.math.BigDecimal("4.5"));
		}
	}

	@Test
	void isolationIsAskedForByQueryParameterOrByBody() throws Exception {
		String id = record("/stock/5");
		this.warehouse.close();
		for (String[] request : new String[][] { { "?isolated=true", null }, { "", "{\"isolated\":true}" } }) {
			HttpResponse<String> response = post("/actuator/chronotrace/" + id + "/replay" + request[0], request[1]);
			assertThat(response.statusCode()).isEqualTo(200);
			JsonNode answer = mapper.readTree(response.body());
			assertThat(answer.get("isolated").asBoolean()).isTrue();
			assertThat(answer.get("identical").asBoolean()).as(response.body()).isTrue();
			assertThat(answer.get("servedFromRecording").toString()).isEqualTo("[{\"method\":\"GET\",\"url\":\""
					+ this.warehouse.url() + "/stock/5\",\"status\":200,\"outcome\":\"answered from recording\"}]");
			assertThat(answer.get("unmatchedCalls").isEmpty()).isTrue();
		}
		assertThat(this.warehouse.calls()).isOne();
	}

	@Test
	void thePlainCurlFormsReplay() throws Exception {
		String id = record("/basket");
		String url = "http://localhost:" + this.port + "/actuator/chronotrace/" + id + "/replay";
		// no content type and no body; then curl's -d '' (a form type, empty); then isolated by query
		for (List<String> command : List.of(List.of("curl", "-s", "-X", "POST", url),
				List.of("curl", "-s", "-X", "POST", "-d", "", url),
				List.of("curl", "-s", "-X", "POST", url + "?isolated=true"))) {
			Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(curl.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
			assertThat(curl.waitFor()).isZero();
			JsonNode answer = mapper.readTree(output);
			assertThat(answer.has("identical")).as("%s answered %s", command, output).isTrue();
			assertThat(answer.get("identical").asBoolean()).as(output).isTrue();
			assertThat(answer.get("isolated").asBoolean()).isEqualTo(command.get(command.size() - 1).endsWith("true"));
		}
	}

	@Test
	void aWriteRequestFromAPageOfAnotherSiteIsRefused() throws Exception {
		String id = record("/basket");
		String path = "/actuator/chronotrace/" + id + "/replay";
		for (String[] header : new String[][] { { "Sec-Fetch-Site", "cross-site" }, { "Sec-Fetch-Site", "same-site" },
				{ "Origin", "http://evil.example" }, { "Origin", "null" } }) {
			HttpResponse<String> refused = this.http.send(
					HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
						.header(header[0], header[1])
						.POST(HttpRequest.BodyPublishers.noBody())
						.build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(refused.statusCode()).as(header[0] + ": " + header[1]).isEqualTo(403);
			assertThat(refused.body()).contains("not from a page of another site");
		}
		// the page's own requests, and a reading page of another site (it cannot see the answer)
		HttpResponse<String> own = this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Sec-Fetch-Site", "same-origin")
			.header("Origin", "http://localhost:" + this.port)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
		HttpResponse<String> read = this.http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/chronotrace/" + id))
					.header("Sec-Fetch-Site", "cross-site")
					.build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(read.statusCode()).isEqualTo(200);
	}

	@Test
	void anUnknownTraceIs404AndAMalformedId400() throws Exception {
		assertThat(post("/actuator/chronotrace/" + TraceId.create(java.time.Instant.now()) + "/replay", null)
			.statusCode()).isEqualTo(404);
		assertThat(post("/actuator/chronotrace/not-an-id/replay", null).statusCode()).isEqualTo(400);
		assertThat(post("/actuator/chronotrace/" + record("/basket") + "/replays", null).statusCode()).isEqualTo(404);
	}

	private String record(String path) throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		String id = response.headers().firstValue("X-ChronoTrace-Id").orElseThrow();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.storage.retrieve(TraceId.parse(id)), Optional::isPresent);
		return id;
	}

	private HttpResponse<String> post(String path, String json) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		request.POST((json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
