package io.chronotrace.actuate.endpoint;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.trace.TestTraces;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceBody;
import io.chronotrace.core.trace.TraceCodec;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.trace.TraceRequest;
import io.chronotrace.core.trace.TraceResponse;
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
 * operations refused with actuator's own status; the curl export run by bash.
 */
@SpringBootTest(classes = EndpointTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=health,chronotrace", "spring.application.name=shop" })
class ChronoTraceEndpointReadTests {

	static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

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
		// five traces an hour apart on one day (503 for odd hours, 200 for even), then a full one
		if (this.storage.list(TraceQuery.newest()).items().isEmpty()) {
			for (int i = 0; i < 5; i++) {
				this.storage.store(TestTraces.builder(NOON.minus(Duration.ofHours(i)))
					.path("/api/items/" + i)
					.method((i == 4) ? "DELETE" : "GET")
					.status((i % 2 == 0) ? 200 : 503)
					.duration(Duration.ofMillis(100L * i))
					.build());
			}
			this.storage.store(TestTraces.full(NOON.plusSeconds(60), root));
		}
		this.full = this.storage.retrieve(this.storage.list(TraceQuery.newest()).items().get(0).id()).orElseThrow();
	}

	@Test
	void listsSummariesNewestFirst() {
		HttpResponse<String> response = this.client.get("/actuator/chronotrace", "application/json");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/json"));
		Map<String, Object> page = json(response.body());
		assertThat(page).containsOnlyKeys("traces", "next").containsEntry("next", null);
		List<Map<String, Object>> traces = traces(page);
		assertThat(traces).extracting((trace) -> trace.get("path"))
			.containsExactly("/api/orders", "/api/items/0", "/api/items/1", "/api/items/2", "/api/items/3",
					"/api/items/4");
		Map<String, Object> first = traces.get(0);
		assertThat(first).containsOnlyKeys("id", "startTime", "method", "path", "status", "durationMicros",
				"application", "hasException", "exceptionType", "eventCount", "origin", "originTraceId");
		assertThat(first).containsEntry("origin", "request").containsEntry("originTraceId", null);
		assertThat(first).containsEntry("id", this.full.id().toString())
			.containsEntry("startTime", "2026-11-30T12:01:00.123Z")
			.containsEntry("method", "POST")
			.containsEntry("status", 500)
			.containsEntry("durationMicros", 187654)
			.containsEntry("application", "shop")
			.containsEntry("hasException", true)
			.containsEntry("exceptionType", "java.lang.IllegalStateException")
			.containsEntry("eventCount", this.full.events().size());
		assertThat(traces.get(1)).containsEntry("hasException", false).containsEntry("exceptionType", null);
	}

	@Test
	void anyAcceptAndActuatorsOwnMediaTypeGetJson() {
		assertThat(json(this.client.get("/actuator/chronotrace", "*/*").body())).containsKey("traces");
		HttpResponse<String> actuatorJson = this.client.get("/actuator/chronotrace",
				"application/vnd.spring-boot.actuator.v3+json");
		assertThat(actuatorJson.statusCode()).isEqualTo(200);
		assertThat(json(actuatorJson.body())).containsKey("traces");
	}

	@Test
	void filtersByStatusClassMethodPathDurationAndTime() {
		assertThat(paths("status=5xx")).containsExactly("/api/orders", "/api/items/1", "/api/items/3");
		assertThat(paths("status=503")).containsExactly("/api/items/1", "/api/items/3");
		assertThat(paths("method=delete")).containsExactly("/api/items/4");
		assertThat(paths("path=/api/items/")).hasSize(5);
		assertThat(paths("minDuration=200")).containsExactly("/api/items/2", "/api/items/3", "/api/items/4");
		assertThat(paths("from=2026-11-30T10:00:00.123Z&to=2026-11-30T12:00:00Z")).containsExactly("/api/items/1",
				"/api/items/2");
		assertThat(paths("from=2026-11-30T11:00:00.123%2B00:00")).containsExactly("/api/orders", "/api/items/0",
				"/api/items/1");
		assertThat(paths("from=2026-11-30&to=2026-11-30")).hasSize(6);
		assertThat(paths("to=2026-11-29")).isEmpty();
	}

	@Test
	void pagesThroughWithTheNextCursor() {
		List<Object> seen = new ArrayList<>();
		String query = "limit=4";
		Map<String, Object> page = json(this.client.get("/actuator/chronotrace?" + query, "application/json").body());
		traces(page).forEach((trace) -> seen.add(trace.get("path")));
		assertThat(page.get("next")).isInstanceOf(String.class);
		page = json(this.client.get("/actuator/chronotrace?limit=4&cursor=" + page.get("next"), "application/json")
			.body());
		traces(page).forEach((trace) -> seen.add(trace.get("path")));
		assertThat(page.get("next")).isNull();
		assertThat(seen).containsExactly("/api/orders", "/api/items/0", "/api/items/1", "/api/items/2",
				"/api/items/3", "/api/items/4");
	}

	@Test
	void refusesMalformedListParametersWithAMessage() {
		assertBadRequest("/actuator/chronotrace?limit=1001", "Invalid limit '1001': use a number from 1 to 1000");
		assertBadRequest("/actuator/chronotrace?limit=0", "use a number from 1 to 1000");
		assertBadRequest("/actuator/chronotrace?status=9xx", "use a status such as 404 or a class such as 5xx");
		assertBadRequest("/actuator/chronotrace?from=yesterday", "Invalid from 'yesterday': use an ISO-8601 instant");
		assertBadRequest("/actuator/chronotrace?minDuration=-1", "Invalid minDuration '-1'");
		assertBadRequest("/actuator/chronotrace?cursor=bm9wZQ", "Invalid cursor 'bm9wZQ'");
		assertBadRequest("/actuator/chronotrace?method=G%20T", "Invalid method");
	}

	@Test
	void extremeListParametersAnswer400NamingTheParameterNever500() {
		Map<String, String> extremes = new LinkedHashMap<>();
		extremes.put("to=%2B999999999-12-31T23:59:59Z", "Invalid to");
		extremes.put("from=-999999999-01-01T00:00:00Z", "Invalid from");
		extremes.put("from=%2B999999999-12-31T23:59:59Z", "Invalid from");
		extremes.put("to=-0001-01-01T00:00:00Z", "Invalid to");
		extremes.put("from=1969-12-31T23:59:59Z", "Invalid from");
		extremes.put("to=%2B10000-01-02", "Invalid to");
		extremes.put("to=2026-12-01T00:00:00%2B99:00", "Invalid to");
		extremes.put("minDuration=9223372036854775807", "Invalid minDuration");
		extremes.put("minDuration=99999999999999999999", "Invalid minDuration");
		extremes.put("limit=2147483648", "Invalid limit");
		extremes.put("status=99999999999", "Invalid status");
		extremes.put("status=0", "Invalid status");
		extremes.put("status=-5xx", "Invalid status");
		extremes.put("method=" + "A".repeat(3_000), "Invalid method");
		extremes.put("path=/" + "a".repeat(3_000), "Invalid path");
		extremes.put("cursor=" + "A".repeat(3_000), "Invalid cursor");
		extremes.put("cursor=OTIyMzM3MjAzNjg1NDc3NTgwNy4wLjAxYTJlMGJlLTAwMDAtNzAwMC04MDAwLTAwMDAwMDAwMDAwMA", "cursor");
		// well-formed cursors at the ends of time
		for (String cursor : List.of("MzE1NTY4ODk4NjQ0MDMxOTkuMC4wMWEyZTBiZS0wMDAwLTcwMDAtODAwMC0wMDAwMDAwMDAwMDA",
				"LTMxNTU3MDE0MTY3MjE5MjAwLjAuMDFhMmUwYmUtMDAwMC03MDAwLTgwMDAtMDAwMDAwMDAwMDAw",
				"LTEuMC4wMWEyZTBiZS0wMDAwLTcwMDAtODAwMC0wMDAwMDAwMDAwMDA")) {
			extremes.put("cursor=" + cursor, "Invalid cursor");
		}
		extremes.forEach((query, message) -> {
			HttpResponse<String> response = this.client.get("/actuator/chronotrace?" + query, "application/json");
			assertThat(response.statusCode()).as(query + " -> " + response.body()).isEqualTo(400);
			assertThat((String) json(response.body()).get("message")).as(query).contains(message);
		});
		// the edges themselves are fine
		assertThat(paths("from=1970-01-01&to=9999-12-31")).hasSize(6);
		assertThat(paths("minDuration=9223372036854")).isEmpty();
		assertThat(paths("cursor=MjUzNDAyMzAwODAwLjAuMDFhMmUwYmUtMDAwMC03MDAwLTgwMDAtMDAwMDAwMDAwMDAw")).hasSize(6);
	}

	@Test
	void readsAWholeTraceAsStored() {
		HttpResponse<String> response = this.client.get("/actuator/chronotrace/" + this.full.id(),
				"application/json");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/json"));
		// where the trace came from first, then the trace as stored
		String stored = new String(TraceCodec.get().toBytes(this.full), StandardCharsets.UTF_8);
		assertThat(response.body()).isEqualTo("{\"origin\":\"request\",\"originTraceId\":null," + stored.substring(1));
		assertThat(TraceCodec.get().readTrace(response.body().getBytes(StandardCharsets.UTF_8))).isEqualTo(this.full);
		// a JSON body is in it as JSON (format version 3), and reads back as the text recorded
		assertThat(response.body()).contains("\"encoding\":\"JSON\",\"json\":{\"id\":9}");
		assertThat(json(response.body())).containsEntry("schemaVersion", Trace.SCHEMA_VERSION).containsKeys("request", "response",
				"events");
	}

	@Test
	void unknownTraceIs404() {
		HttpResponse<String> response = this.client.get("/actuator/chronotrace/0192f5e4-6a1b-7cde-8f01-23456789abcd");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(this.client.get("/actuator/chronotrace/0192f5e4-6a1b-7cde-8f01-23456789abcd/curl").statusCode())
			.isEqualTo(404);
		assertThat(this.client.get("/actuator/chronotrace/" + this.full.id() + "/pdf").statusCode()).isEqualTo(404);
	}

	@Test
	void malformedIdIs400WithAClearMessage() {
		assertBadRequest("/actuator/chronotrace/not-a-trace",
				"Invalid trace id 'not-a-trace': a trace id is a UUID such as 0192f5e4-6a1b-7cde-8f01-23456789abcd");
		assertBadRequest("/actuator/chronotrace/not-a-trace/curl", "Invalid trace id");
		assertBadRequest("/actuator/chronotrace/not-a-trace/attachments/request-body", "Invalid trace id");
	}

	@Test
	void pathTraversalIsRefusedWith400() {
		assertThat(this.client.get("/actuator/chronotrace/..%2F..%2Fetc%2Fpasswd").statusCode()).isEqualTo(400);
		assertThat(this.client.get("/actuator/chronotrace/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd").statusCode())
			.isEqualTo(400);
		assertBadRequest("/actuator/chronotrace/....etc.passwd", "Invalid trace id");
		assertThat(this.client
			.get("/actuator/chronotrace/" + this.full.id() + "/attachments/..%2F..%2F..%2Fetc%2Fpasswd")
			.statusCode()).isEqualTo(400);
		assertBadRequest("/actuator/chronotrace/" + this.full.id() + "/attachments/..", "Invalid attachment name");
	}

	@Test
	void browserGetsThePageWithTheEndpointPathAndReadOnlyAccess() {
		HttpResponse<String> response = this.client.get("/actuator/chronotrace", BROWSER_ACCEPT);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/html").contains("UTF-8"));
		assertThat(response.body()).contains("<html")
			.contains("\"/actuator/chronotrace\"")
			.contains("\"READ_ONLY\"")
			.doesNotContain("__CHRONOTRACE_");
	}

	@Test
	void attachmentIsDownloaded() {
		HttpResponse<byte[]> response = this.client
			.getBytes("/actuator/chronotrace/" + this.full.id() + "/attachments/request-body");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
		// the upload of TestTraces.full
		assertThat(new String(response.body(), StandardCharsets.UTF_8))
			.isEqualTo("{\"items\":[" + "{\"sku\":\"A-1\",\"qty\":2},".repeat(200) + "{}]}");
		assertThat(this.client.get("/actuator/chronotrace/" + this.full.id() + "/attachments/response-body")
			.statusCode()).isEqualTo(404);
		assertThat(this.client.get("/actuator/chronotrace/" + this.full.id() + "/files/request-body").statusCode())
			.isEqualTo(404);
	}

	@Test
	void curlExportIsPlainText() {
		HttpResponse<String> response = this.client
			.get("/actuator/chronotrace/" + this.full.id() + "/curl?base=http://localhost:9090");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/plain"));
		assertThat(response.body()).startsWith("# POST /api/orders as recorded at 2026-11-30T12:01:00.123Z")
			.contains("'http://localhost:9090/api/orders?dry=true'")
			.contains("-H 'Accept: application/json'")
			.contains("--data-binary '@request-body'")
			// the attachment is downloaded from where the endpoint was reached
			.contains("'http://localhost:" + this.port + "/actuator/chronotrace/" + this.full.id()
					+ "/attachments/request-body'");
		// without a base, to this application: never to the host the recorded client named
		assertThat(this.client.get("/actuator/chronotrace/" + this.full.id() + "/curl").body())
			.contains("'http://localhost:" + this.port + "/api/orders?dry=true'")
			.doesNotContain("shop.example.com");
		assertBadRequest("/actuator/chronotrace/" + this.full.id() + "/curl?base=file:/etc/passwd",
				"Invalid base 'file:/etc/passwd': use an http or https URL");
	}

	@Test
	void testExportIsJavaSource() {
		HttpResponse<String> response = this.client.get("/actuator/chronotrace/" + this.full.id() + "/test");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/plain"));
		assertThat(response.body()).startsWith("package io.chronotrace.actuate.endpoint;")
			.contains("@SpringBootTest(classes = EndpointTestApplication.class, "
					+ "webEnvironment = WebEnvironment.RANDOM_PORT,\n\t\tproperties = \"chronotrace.enabled=false\")")
			.contains("@AutoConfigureMockMvc\n@Transactional\n")
			.contains("class ChronoTrace" + this.full.id().toString().replace("-", "") + "Test {")
			.contains("isEqualTo(500)");
	}

	@Test
	void readOnlyAccessRefusesDeleteAndPurgeWithActuatorsStatus() {
		HttpResponse<String> delete = this.client.delete("/actuator/chronotrace/" + this.full.id());
		assertThat(delete.statusCode()).isEqualTo(405);
		HttpResponse<String> purge = this.client.postJson("/actuator/chronotrace", "{\"olderThan\":\"P0D\"}");
		assertThat(purge.statusCode()).isEqualTo(405);
		assertThat(this.storage.retrieve(this.full.id())).isPresent();
		assertThat(this.storage.list(TraceQuery.newest()).items()).hasSize(6);
	}

	@Test
	void curlCommandRunsWithVariablesInPlaceOfScrubbedValues() throws Exception {
		// a request recorded with scrubbed values, exported with a base URL and run by bash with
		// the variables the command asks for, reaches the application with those values
		Trace trace = scrubbedRequest();
		this.storage.store(trace);
		String command;
		try {
			command = this.client.get("/actuator/chronotrace/" + trace.id() + "/curl?base=http://localhost:" + this.port)
				.body();
		}
		finally {
			this.storage.delete(trace.id());
		}
		assertThat(command).doesNotContain("[SCRUBBED]")
			.contains("#   AUTHORIZATION='...'   # header Authorization")
			.contains("#   PASSWORD='...'   # request body field password")
			.contains("#   TOKEN='...'   # query parameter token")
			.contains("-H 'Authorization: Bearer '\"${AUTHORIZATION}\"");
		Map<String, Object> echo = json(run(command,
				Map.of("AUTHORIZATION", "real-token", "PASSWORD", "s3cret", "TOKEN", "t-1")));
		assertThat(echo).containsEntry("authorization", "Bearer real-token")
			.containsEntry("parameters", Map.of("token", "t-1", "page", "2"))
			.containsEntry("body", "{\"user\":\"ada\",\"password\":\"s3cret\",\"note\":\"it's $HOME `id` \\\"quoted\\\"\"}");
	}

	private static Trace scrubbedRequest() {
		Instant start = Instant.now();
		Map<String, List<String>> headers = new LinkedHashMap<>();
		headers.put("Host", List.of("shop.example.com"));
		headers.put("Content-Type", List.of("application/json"));
		headers.put("Authorization", List.of("Bearer [SCRUBBED]"));
		headers.put("Content-Length", List.of("77"));
		String body = "{\"user\":\"ada\",\"password\":\"[SCRUBBED]\",\"note\":\"it's $HOME `id` \\\"quoted\\\"\"}";
		TraceRequest request = new TraceRequest("POST", "https://shop.example.com/api/echo?token=[SCRUBBED]&page=2",
				"/api/echo", "token=[SCRUBBED]&page=2", headers,
				TraceBody.text("application/json", body, "UTF-8", body.length(), body.length()), "10.0.0.7");
		return new Trace(Trace.SCHEMA_VERSION, TraceId.create(start), start, 1_000, "shop", request,
				new TraceResponse(200, Map.of(), null, 0), null, List.of(), 0, null, List.of());
	}

	private static String run(String command, Map<String, String> variables) throws IOException, InterruptedException {
		ProcessBuilder bash = new ProcessBuilder("bash", "-c", command.strip() + " --silent --show-error");
		bash.environment().putAll(variables);
		bash.redirectErrorStream(true);
		Process process = bash.start();
		try {
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
			assertThat(process.exitValue()).as(output).isZero();
			return output;
		}
		finally {
			process.destroyForcibly();
		}
	}

	private List<Object> paths(String query) {
		HttpResponse<String> response = this.client.get("/actuator/chronotrace?" + query, "application/json");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return traces(json(response.body())).stream().map((trace) -> trace.get("path")).toList();
	}

	private void assertBadRequest(String path, String message) {
		HttpResponse<String> response = this.client.get(path);
		assertThat(response.statusCode()).as(path).isEqualTo(400);
		Map<String, Object> error = json(response.body());
		assertThat(error).containsEntry("status", 400).containsEntry("error", "Bad Request");
		assertThat((String) error.get("message")).contains(message);
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> traces(Map<String, Object> page) {
		return (List<Map<String, Object>>) page.get("traces");
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> json(String body) {
		return JsonMapper.builder().build().readValue(body, LinkedHashMap.class);
	}

}
