package io.chronotrace.web.reactive;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Hooks;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.trace.CacheEvent;
import io.chronotrace.core.trace.CustomEvent;
import io.chronotrace.core.trace.DatabaseEvent;
import io.chronotrace.core.trace.ExceptionEvent;
import io.chronotrace.core.trace.HttpClientEvent;
import io.chronotrace.core.trace.LogEvent;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceBody;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.web.TraceHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WebFlux application on Netty with only the starter added, in {@code always} mode with
 * memory storage: real requests, their traces read back from storage and the endpoint.
 */
@DirtiesContext // closing it detaches its log appender, which other tests expect gone
@SpringBootTest(classes = ReactiveRecordingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "chronotrace.mode=always",
				"chronotrace.storage=memory", "chronotrace.async-storage=false",
				"chronotrace.capture.max-body-size=4KB", "chronotrace.compression.max-payload-size=1KB",
				"chronotrace.scrub=password", "management.endpoints.web.exposure.include=chronotrace",
				"management.endpoint.chronotrace.access=unrestricted" })
class WebFluxRecordingTests {

	@LocalServerPort
	int port;

	@Autowired
	TraceStorage storage;

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@AfterAll
	static void leaveReactorAsOtherTestsExpectIt() {
		// the auto-configuration turned it on for the whole JVM; the servlet tests run without it
		Hooks.disableAutomaticContextPropagation();
	}

	@Test
	void recordsBothJsonBodiesWithTheLogsAndEventsOfTheRequest() throws Exception {
		HttpResponse<String> response = post("/orders", "application/json",
				"{\"sku\":\"tea-42\",\"quantity\":2,\"password\":\"hunter2\"}");

		assertThat(response.statusCode()).isEqualTo(200);
		Trace trace = recorded(response);
		assertThat(trace.request().method()).isEqualTo("POST");
		assertThat(trace.request().path()).isEqualTo("/orders");
		assertThat(trace.request().body().content()).contains("\"sku\":\"tea-42\"")
			.contains("[SCRUBBED]")
			.doesNotContain("hunter2");
		assertThat(trace.response().status()).isEqualTo(200);
		assertThat(trace.response().body().content()).contains("\"status\":\"placed\"").doesNotContain("hunter2");
		assertThat(trace.response().headers()).containsKey(TraceHeaders.TRACE_ID);
		assertThat(trace.events()).filteredOn(LogEvent.class::isInstance)
			.map((event) -> ((LogEvent) event).message())
			.contains("Placing order for tea-42");
		assertThat(trace.events()).filteredOn(CustomEvent.class::isInstance)
			.map((event) -> ((CustomEvent) event).name())
			.containsExactly("order.placed");
	}

	@Test
	void recordsTheWebClientCallOfTheRequestInItsTrace() throws Exception {
		HttpResponse<String> response = get("/stock/tea-42");

		assertThat(response.statusCode()).isEqualTo(200);
		Trace trace = recorded(response);
		assertThat(trace.events()).filteredOn(HttpClientEvent.class::isInstance).singleElement().satisfies((event) -> {
			HttpClientEvent call = (HttpClientEvent) event;
			assertThat(call.client()).isEqualTo("WebClient");
			assertThat(call.url()).endsWith("/warehouse/tea-42");
			assertThat(call.status()).isEqualTo(200);
			assertThat(call.responseBody().content()).contains("\"count\":7");
		});
		assertThat(trace.response().body().content()).contains("\"available\":7");
	}

	@Test
	void recordsTheR2dbcStatementsOfTheRequestWithTheirBindValuesAndRows() throws Exception {
		HttpResponse<String> response = get("/shelves/tea-42");

		assertThat(response.body()).contains("\"shelves\":[\"A1\",\"B7\"]");
		Trace trace = recorded(response);
		assertThat(trace.events()).filteredOn(DatabaseEvent.class::isInstance).singleElement().satisfies((event) -> {
			DatabaseEvent statement = (DatabaseEvent) event;
			assertThat(statement.sql()).isEqualTo("SELECT shelf FROM shelves WHERE sku = $1 ORDER BY shelf");
			assertThat(statement.parameters()).containsExactly(List.of("tea-42"));
			assertThat(statement.rows()).isEqualTo(2);
			assertThat(statement.outcome()).isEqualTo("ok");
			assertThat(statement.dataSource()).isEqualTo("shopDatabase");
		});
	}

	@Test
	void recordsCacheOperationsOfTheRequest() throws Exception {
		Trace first = recorded(get("/prices/green-tea"));
		Trace second = recorded(get("/prices/green-tea"));

		assertThat(first.events()).filteredOn(CacheEvent.class::isInstance)
			.map((event) -> ((CacheEvent) event).cache())
			.contains("prices");
		assertThat(second.events()).filteredOn(CacheEvent.class::isInstance)
			.map((event) -> ((CacheEvent) event).outcome())
			.contains(CacheEvent.HIT);
	}

	@Test
	void recordsAFailureWithTheErrorResponseTheClientGot() throws Exception {
		HttpResponse<String> response = get("/boom");

		assertThat(response.statusCode()).isEqualTo(500);
		Trace trace = recorded(response);
		assertThat(trace.response().status()).isEqualTo(500);
		assertThat(trace.exception()).isNotNull();
		assertThat(trace.exception().type()).isEqualTo(IllegalStateException.class.getName());
		assertThat(trace.exception().message()).isEqualTo("the warehouse is on fire");
		// Spring Boot's error handler answered it, and the trace holds that answer
		assertThat(trace.response().body().content()).isEqualTo(response.body()).contains("\"status\":500");
		assertThat(trace.events()).filteredOn(ExceptionEvent.class::isInstance)
			.singleElement()
			.satisfies((event) -> assertThat(((ExceptionEvent) event).handled()).isFalse());
		assertThat(trace.events()).filteredOn(LogEvent.class::isInstance)
			.map((event) -> ((LogEvent) event).message())
			.contains("About to fail");
	}

	@Test
	void aResponseStatusExceptionIsAnAnswerNotAFailure() throws Exception {
		HttpResponse<String> response = get("/orders/12");

		assertThat(response.statusCode()).isEqualTo(404);
		Trace trace = recorded(response);
		assertThat(trace.response().status()).isEqualTo(404);
		assertThat(trace.exception()).isNull();
		assertThat(trace.response().body().content()).isEqualTo(response.body());
		assertThat(trace.events()).filteredOn(ExceptionEvent.class::isInstance)
			.singleElement()
			.satisfies((event) -> assertThat(((ExceptionEvent) event).handled()).isTrue());
	}

	@Test
	void recordsAServerSentEventStreamAsItStreams() throws Exception {
		HttpResponse<String> response = get("/ticks");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("data:tick 0").contains("data:tick 4");
		Trace trace = recorded(response);
		assertThat(trace.response().body().content()).isEqualTo(response.body());
		assertThat(trace.response().headers().get("Content-Type").get(0)).startsWith("text/event-stream");
	}

	@Test
	void keepsAtMostTheCaptureLimitOfALargeResponseAndCountsAllOfIt() throws Exception {
		HttpResponse<String> response = get("/big");

		assertThat(response.body()).hasSize(60 * 1000);
		Trace trace = recorded(response);
		TraceBody body = trace.response().body();
		assertThat(body.size()).isEqualTo(60 * 1000);
		assertThat(body.capturedSize()).isEqualTo(4096);
		assertThat(body.truncated()).isTrue();
		assertThat(trace.response().size()).isEqualTo(60 * 1000);
	}

	@Test
	void spillsARequestBodyOverTheMemoryThresholdToAnAttachment() throws Exception {
		String text = "0123456789abcdef".repeat(200); // 3200 bytes: over 1KB, under the 4KB limit
		HttpResponse<String> response = post("/echo", "text/plain", text);

		assertThat(response.body()).isEqualTo(text);
		Trace trace = recorded(response);
		assertThat(trace.request().body().encoding()).isEqualTo(TraceBody.Encoding.ATTACHMENT);
		assertThat(trace.request().body().size()).isEqualTo(3200);
		try (InputStream attachment = this.storage.openAttachment(trace.id(), trace.request().body().attachment())
			.orElseThrow()) {
			assertThat(new String(attachment.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(text);
		}
	}

	@Test
	void theEndpointListsTheTracesOfTheReactiveApplication() throws Exception {
		HttpResponse<String> recorded = get("/warehouse/listed-sku");
		String id = recorded(recorded).id().toString();

		HttpResponse<String> list = send(HttpRequest.newBuilder(uri("/actuator/chronotrace?path=/warehouse/listed-sku"))
			.header("Accept", "application/json")
			.GET());
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(list.body()).contains(id);
		HttpResponse<String> read = get("/actuator/chronotrace/" + id);
		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(read.body()).contains("\"path\":\"/warehouse/listed-sku\"");
		HttpResponse<String> page = send(HttpRequest.newBuilder(uri("/actuator/chronotrace")).header("Accept", "text/html").GET());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("/actuator/chronotrace");
	}

	@Test
	void aRecordedRequestIsReplayedInIsolationWithItsWebClientCallAnsweredFromTheRecording() throws Exception {
		Trace original = recorded(get("/stock/replayed-sku"));

		HttpResponse<String> replay = send(
				HttpRequest.newBuilder(uri("/actuator/chronotrace/" + original.id() + "/replay?isolated=true"))
					.header("Content-Type", "application/json") // actuator's write operations take JSON
					.POST(HttpRequest.BodyPublishers.noBody()));

		assertThat(replay.statusCode()).isEqualTo(200);
		assertThat(replay.body()).contains("\"identical\":true").contains("\"isolated\":true");
		String replayId = JsonMapper.shared().readTree(replay.body()).get("replay").get("traceId").asString();
		Trace replayed = Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> this.storage.retrieve(TraceId.parse(replayId)), Optional::isPresent)
			.get();
		assertThat(replayed.events()).filteredOn(CustomEvent.class::isInstance)
			.singleElement()
			.satisfies((event) -> assertThat(((CustomEvent) event).attributes())
				.containsEntry("originalTraceId", original.id().toString())
				.containsEntry("isolated", "true"));
		// answered from the recording: the warehouse was not called again
		assertThat(this.storage.list(TraceQuery.builder().pathPrefix("/warehouse/replayed-sku").build()).items())
			.hasSize(1);
	}

	@Test
	void theActuatorIsNotRecorded() throws Exception {
		HttpResponse<String> response = get("/actuator/chronotrace");

		assertThat(response.headers().firstValue(TraceHeaders.TRACE_ID)).isEmpty();
	}

	@Test
	void theEndpointIsProtectedAndAPlainPostReplays() throws Exception {
		Trace trace = recorded(get("/warehouse/tea-7"));
		HttpResponse<String> page = this.client.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/chronotrace"))
					.header("Accept", "text/html")
					.build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Security-Policy"))
			.hasValueSatisfying((policy) -> assertThat(policy).contains("frame-ancestors 'none'"));
		assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		URI replay = URI.create("http://localhost:" + this.port + "/actuator/chronotrace/" + trace.id() + "/replay");
		// no content type, no body: the form a user types first
		HttpResponse<String> replayed = this.client.send(
				HttpRequest.newBuilder(replay).POST(HttpRequest.BodyPublishers.noBody()).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
		assertThat(JsonMapper.builder().build().readTree(replayed.body()).get("identical").asBoolean())
			.as(replayed.body())
			.isTrue();
		HttpResponse<String> crossSite = this.client.send(HttpRequest.newBuilder(replay)
			.header("Sec-Fetch-Site", "cross-site")
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(crossSite.statusCode()).isEqualTo(403);
	}

	private Trace recorded(HttpResponse<?> response) {
		String id = response.headers().firstValue(TraceHeaders.TRACE_ID).orElse(null);
		assertThat(id).as("%s header of %s", TraceHeaders.TRACE_ID, response.uri()).isNotNull();
		return Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> this.storage.retrieve(TraceId.parse(id)), Optional::isPresent)
			.get();
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri(path)).GET());
	}

	private HttpResponse<String> post(String path, String contentType, String body)
			throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.client.send(request.timeout(Duration.ofSeconds(30)).build(),
				HttpResponse.BodyHandlers.ofString());
	}


}
