package io.chronotrace.core.trace;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Format version 3 keeps a JSON body as a JSON value in the record: the record gets
 * smaller, the body reads back as the very text recorded (replay and the exports resend
 * it), and no body, whatever its sender wrote into it, gets out of its place in the
 * record.
 */
class JsonBodyFormatTests {

	private static final Instant START = Instant.parse("2026-12-07T14:03:07.412518Z");

	/** Reads records as any JSON tool would, to see their shape. */
	private static final JsonMapper PLAIN = JsonMapper.builder().build();

	private final TraceCodec codec = TraceCodec.get();

	@Test
	void aJsonBodyIsStoredAsAJsonValueAndReadsBackAsTheSameText() throws IOException {
		String body = "{\"customerEmail\":\"[SCRUBBED]\",\"lines\":[{\"productId\":1,\"quantity\":2}]}";
		Trace trace = trace(json(body), json("[{\"id\":\"ch_1\"}]"));
		byte[] record = this.codec.toBytes(trace);
		String text = new String(record, StandardCharsets.UTF_8);
		assertThat(text).startsWith("{\"schemaVersion\":3,")
			.contains("\"body\":{\"contentType\":\"application/json\",\"encoding\":\"JSON\",\"json\":" + body
					+ ",\"charset\":\"UTF-8\",")
			.doesNotContain("\\\"");
		JsonNode requestBody = PLAIN.readTree(record).get("request").get("body");
		assertThat(requestBody.get("json").get("lines").get(0).get("quantity").asInt()).isEqualTo(2);
		assertThat(requestBody.has("content")).isFalse();
		assertReadsBack(trace, record);
		// smaller than the string form, which escapes every quote
		assertThat(record.length).isLessThan(this.codec.toBytesWithBodiesAsText(trace).length);
	}

	@ParameterizedTest
	@ValueSource(strings = { "{ \"b\" : 1,\n\t\"a\" : [ 1 , 2 ]\r\n}", "{\"a\":1,\"a\":2}", "{\"z\":1,\"a\":2,\"m\":3}",
			"[1.0, 1e2, 1E+2, -0, 0.10, 12345678901234567890123456789, 1.5e-400, 123456789012345678901234.5]",
			"{\"escaped\":\"\\u00e9\\/\\\"\\\\\\n\\u2028\\ud83d\\ude00\",\"raw\":\"é 東京 😀 \u2028\u2029 </script>\"}",
			"[]", "{}", "[[[[[[[[[[]]]]]]]]]]", "[\"\\u0000\", null, true, false]" })
	void theBytesOfAJsonBodyComeBackExactly(String body) throws IOException {
		Trace trace = trace(json(body), json(body));
		byte[] record = this.codec.toBytes(trace);
		assertThat(PLAIN.readTree(record).get("response").get("body").get("encoding").asString()).isEqualTo("JSON");
		assertReadsBack(trace, record);
		assertThat(this.codec.readTrace(record).request().body().content()).isEqualTo(body);
	}

	@Test
	void bodiesOfOutboundCallsAreKeptAsJsonToo() throws IOException {
		String body = "{\"id\": \"ch_1\", \"amount\": 12.50}";
		HttpClientEvent call = new HttpClientEvent(10, 20, TraceEvent.OK, "RestClient", "POST", "https://pay/x", 201,
				Map.of(), json("{\"amount\":12.50}"), 16, Map.of(), json(body), 31L, null);
		Trace trace = trace(null, null).withEvents(List.of(call), 0);
		byte[] record = this.codec.toBytes(trace);
		JsonNode event = PLAIN.readTree(record).get("events").get(0);
		assertThat(event.get("responseBody").get("json").get("amount").decimalValue()).isEqualByComparingTo("12.5");
		assertThat(event.get("requestBody").get("encoding").asString()).isEqualTo("JSON");
		assertReadsBack(trace, record);
	}

	/**
	 * What a client may send to break out of the body's place in the record: each stays a
	 * string, the record stays one well-formed document of the expected shape, and the
	 * body reads back as sent.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "{\"a\":1}, \"injected\": true", "{\"a\":1},\"encoding\":\"TEXT\",\"x\":{\"b\":2}",
			"{\"a\":1}}, \"injected\": {\"b\":2}", "1 2", "{\"a\":1} {\"b\":2}", "[1]]", "{\"a\":1}}", "{\"a\":1",
			"{\"a\":1}\n", " {\"a\":1}", "{\"a\":1 /* c */}", "{'a':1}", "{\"a\":NaN}", "{\"a\":\"x\u0000\"}",
			"{\"a\":\"x\ny\"}", "\"just a string\"", "42", "null", "{\"a\":\"lone \uD800 high\"}",
			"{\"a\":\"lone \uDC00 low\"}", "[\"\uDE00\"]", "{\"a\":1}\uD83D", "{\"\":\"\\", "{]", "[}", "" })
	void aBodyThatIsNotExactlyOneJsonObjectOrArrayStaysAStringAndCannotLeaveItsPlace(String body) throws IOException {
		assertStaysAString(trace(json(body), json(body)), body);
	}

	@Test
	void deepNestingIsKeptAsJsonUpToTheBoundAndAsAStringBeyondIt() throws IOException {
		String deepest = nested(JsonBodies.MAX_DEPTH);
		HttpClientEvent call = new HttpClientEvent(10, 20, TraceEvent.OK, "RestClient", "GET", "https://x", 200,
				Map.of(), null, 0, Map.of(), json(deepest), (long) deepest.length(), null);
		// the deepest place a body has in a record: inside an event
		Trace trace = trace(json(deepest), json(deepest)).withEvents(List.of(call), 0);
		byte[] record = this.codec.toBytes(trace);
		assertThat(PLAIN.readTree(record).get("events").get(0).get("responseBody").get("encoding").asString())
			.isEqualTo("JSON");
		assertReadsBack(trace, record);

		assertStaysAString(trace(json(nested(JsonBodies.MAX_DEPTH + 1)), null), nested(JsonBodies.MAX_DEPTH + 1));
		String hostile = "[".repeat(100_000) + "]".repeat(100_000);
		assertStaysAString(trace(json(hostile), json(hostile)), hostile);
	}

	@Test
	void onlyWholeJsonTextBodiesAreKeptAsJson() {
		String body = "{\"a\":1}";
		List<TraceBody> strings = List.of(TraceBody.text("text/plain", body, "UTF-8", 7, 7),
				TraceBody.text("application/json", body, "UTF-8", 70, 7),
				new TraceBody("application/json", TraceBody.Encoding.TEXT, body, null, "UTF-8", 9, 7, false),
				TraceBody.text(null, body, "UTF-8", 7, 7),
				new TraceBody("application/json", TraceBody.Encoding.BASE64, "e30=", null, null, 2, 2, false),
				new TraceBody("application/json", TraceBody.Encoding.ATTACHMENT, null, "request-body", "UTF-8", 9, 9,
						false),
				new TraceBody("application/json", TraceBody.Encoding.OMITTED, null, null, null, 9, 0, false));
		for (TraceBody kept : strings) {
			Trace trace = trace(kept, null);
			JsonNode body2 = PLAIN.readTree(this.codec.toBytes(trace)).get("request").get("body");
			assertThat(body2.get("encoding").asString()).as(kept.toString()).isNotEqualTo("JSON");
			assertThat(this.codec.readTrace(this.codec.toBytes(trace))).isEqualTo(trace);
		}
		for (String type : List.of("application/problem+json", "application/json; charset=ISO-8859-1",
				"Application/JSON", "application/vnd.api+json;v=2")) {
			Trace trace = trace(TraceBody.text(type, body, "UTF-8", 7, 7), null);
			assertThat(
					PLAIN.readTree(this.codec.toBytes(trace)).get("request").get("body").get("json").get("a").asInt())
				.as(type)
				.isEqualTo(1);
		}
	}

	@Test
	void aTraceOfAnEarlierVersionIsWrittenAsThatVersionWroteIt() {
		Trace trace = trace(json("{\"a\":1}"), null);
		Trace version2 = new Trace(2, trace.id(), trace.startTime(), trace.durationMicros(), trace.application(),
				trace.request(), trace.response(), trace.exception(), trace.events(), trace.droppedEvents(),
				trace.tracing(), trace.attachments());
		String json = new String(this.codec.toBytes(version2), StandardCharsets.UTF_8);
		assertThat(json).startsWith("{\"schemaVersion\":2,")
			.contains("\"encoding\":\"TEXT\",\"content\":\"{\\\"a\\\":1}\"")
			.doesNotContain("\"json\"");
		assertThat(this.codec.readTrace(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(version2);
	}

	@Test
	void theTextFormForOtherToolsReadsBackAsTheSameTrace() {
		Trace trace = trace(json("{ \"a\" : 1 }"), json("[1.50]"));
		byte[] text = this.codec.toBytesWithBodiesAsText(trace);
		assertThat(new String(text, StandardCharsets.UTF_8)).contains("\"content\":\"{ \\\"a\\\" : 1 }\"")
			.doesNotContain("\"json\"");
		assertThat(this.codec.readTrace(text)).isEqualTo(trace);
	}

	@Test
	void readsATraceOfVersion2WhoseBodiesAreStrings() throws IOException {
		Trace trace;
		try (InputStream in = getClass().getResourceAsStream("trace-version-2.json")) {
			trace = this.codec.readTrace(in);
		}
		assertThat(trace.schemaVersion()).isEqualTo(2);
		TraceBody request = trace.request().body();
		assertThat(request.encoding()).isEqualTo(TraceBody.Encoding.TEXT);
		assertThat(request.content())
			.isEqualTo("{\"customerEmail\":\"[SCRUBBED]\",\"lines\":[{\"productId\":1,\"quantity\":2}]}");
		assertThat(trace.response().body().encoding()).isEqualTo(TraceBody.Encoding.ATTACHMENT);
		assertThat(trace.response().body().attachment()).isEqualTo("response-body");
		HttpClientEvent call = (HttpClientEvent) trace.events().get(1);
		assertThat(call.responseBody().content()).isEqualTo("{\"id\":\"ch_1\"}");
		assertThat(((DatabaseEvent) trace.events().get(0)).result().rows())
			.containsExactly(List.of("1", "Espresso beans 1kg", "24.90"));
	}

	@Test
	void aBodyKeptAsJsonReadsWhateverTheOrderOfItsFields() {
		String json = record("{\"size\":9,\"json\":{ \"a\" : [1] },\"truncated\":false,\"encoding\":\"JSON\","
				+ "\"contentType\":\"application/json\",\"capturedSize\":9,\"future\":{\"x\":[1,{}]}}");
		TraceBody body = this.codec.readTrace(json.getBytes(StandardCharsets.UTF_8)).request().body();
		assertThat(body).isEqualTo(
				new TraceBody("application/json", TraceBody.Encoding.TEXT, "{ \"a\" : [1] }", null, null, 9, 9, false));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"encoding\":\"JSON\",\"size\":1}", "{\"encoding\":\"JSON\",\"json\":\"{}\"}",
			"{\"encoding\":\"JSON\",\"json\":1}", "{\"encoding\":\"SOMETHING\",\"content\":\"x\"}",
			"{\"encoding\":\"JSON\",\"json\":{\"a\":}" })
	void aBodyThatIsNotOneOfTheFormatIsRefused(String body) {
		assertThatExceptionOfType(TraceFormatException.class)
			.isThrownBy(() -> this.codec.readTrace(record(body).getBytes(StandardCharsets.UTF_8)));
	}

	private void assertStaysAString(Trace trace, String body) throws IOException {
		byte[] record = this.codec.toBytes(trace);
		JsonNode root = PLAIN.readTree(record);
		assertThat(root.propertyNames()).containsExactly("schemaVersion", "id", "startTime", "durationMicros",
				"application", "request", "response", "droppedEvents", "events");
		JsonNode requestBody = root.get("request").get("body");
		assertThat(requestBody.propertyNames()).containsExactly("contentType", "encoding", "content", "charset", "size",
				"capturedSize", "truncated");
		assertThat(requestBody.get("encoding").asString()).isEqualTo("TEXT");
		assertThat(root.get("request").get("remoteAddress").asString()).isEqualTo("127.0.0.1");
		assertReadsBack(trace, record);
		assertThat(this.codec.readTrace(record).request().body().content()).isEqualTo(body);
	}

	private void assertReadsBack(Trace trace, byte[] record) throws IOException {
		assertThat(this.codec.readTrace(record)).isEqualTo(trace);
		assertThat(this.codec.readTrace(new ByteArrayInputStream(record))).isEqualTo(trace);
	}

	private static String nested(int depth) {
		return "[".repeat(depth - 1) + "{\"deep\":true}" + "]".repeat(depth - 1);
	}

	private static String record(String requestBody) {
		return "{\"schemaVersion\":3,\"id\":\"01a1fe6a-ff14-72aa-8aa5-4bb6ad112fa8\",\"startTime\":\"2026-11-21T14:03:07Z\","
				+ "\"durationMicros\":1,\"request\":{\"method\":\"POST\",\"url\":\"/p\",\"path\":\"/p\",\"headers\":{},"
				+ "\"body\":" + requestBody + "},\"response\":{\"status\":200,\"headers\":{},\"size\":0},"
				+ "\"droppedEvents\":0,\"events\":[]}";
	}

	private static TraceBody json(String text) {
		int size = text.getBytes(StandardCharsets.UTF_8).length;
		return TraceBody.text("application/json", text, "UTF-8", size, size);
	}

	private static Trace trace(TraceBody requestBody, TraceBody responseBody) {
		List<TraceEvent> events = new ArrayList<>();
		return new Trace(Trace.SCHEMA_VERSION, TraceId.create(START), START, 1_000, "app",
				new TraceRequest("POST", "http://localhost/api/orders", "/api/orders", null,
						Map.of("Content-Type", List.of("application/json")), requestBody, "127.0.0.1"),
				new TraceResponse(200, Map.of(), responseBody, 0), null, events, 0, null, List.of());
	}

}
