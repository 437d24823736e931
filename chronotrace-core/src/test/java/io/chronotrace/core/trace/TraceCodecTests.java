package io.chronotrace.core.trace;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TraceCodecTests {

	private final TraceCodec codec = TraceCodec.get();

	@Test
	void roundTripsEveryField() throws Exception {
		Trace trace = fullTrace();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		this.codec.write(trace, out);
		Trace read = this.codec.readTrace(new ByteArrayInputStream(out.toByteArray()));
		assertThat(read).isEqualTo(trace);
	}

	@Test
	void writesTheSchemaVersionAndTheEventType() {
		String json = new String(this.codec.toBytes(fullTrace()), StandardCharsets.UTF_8);
		assertThat(json).startsWith("{\"schemaVersion\":3,\"id\":");
		assertThat(json).contains("\"type\":\"database\"").contains("\"type\":\"custom\"");
		assertThat(json).doesNotContain("attachments");
	}

	@Test
	void readsATraceOfVersion1WhoseDatabaseEventsHoldNoResults() {
		String json = """
				{"schemaVersion":1,"id":"01a1fe6a-ff14-72aa-8aa5-4bb6ad112fa8","startTime":"2026-11-21T14:03:07.412518Z",
				"durationMicros":61873,"request":{"method":"GET","url":"/p","path":"/p","headers":{}},
				"response":{"status":200,"headers":{},"size":0},"droppedEvents":0,"events":[
				{"type":"database","offsetMicros":812,"durationMicros":1430,"outcome":"ok","dataSource":"dataSource",
				"sql":"select 1","parameters":[[]],"batchSize":0,"rows":1}]}""";
		Trace trace = this.codec.readTrace(json.getBytes(StandardCharsets.UTF_8));
		assertThat(trace.schemaVersion()).isEqualTo(1);
		DatabaseEvent event = (DatabaseEvent) trace.events().get(0);
		assertThat(event.rows()).isEqualTo(1L);
		assertThat(event.result()).isNull();
		assertThat(event.hasResults()).isFalse();
	}

	@Test
	void ignoresFieldsItDoesNotKnow() {
		String json = new String(this.codec.toBytes(fullTrace()), StandardCharsets.UTF_8)
			.replaceFirst("\\{", "{\"addedInVersion2\":{\"x\":1},");
		assertThat(this.codec.readTrace(json.getBytes(StandardCharsets.UTF_8)).id()).isEqualTo(fullTrace().id());
	}

	@Test
	void rejectsWhatIsNotATrace() {
		assertThatExceptionOfType(TraceFormatException.class)
			.isThrownBy(() -> this.codec.readTrace("{\"id\":\"../x\"}".getBytes(StandardCharsets.UTF_8)));
		assertThatExceptionOfType(TraceFormatException.class)
			.isThrownBy(() -> this.codec.readTrace("{\"schemaVersion\":1,\"id\":\"".getBytes(StandardCharsets.UTF_8)));
		assertThatExceptionOfType(TraceFormatException.class)
			.isThrownBy(() -> this.codec.readSummary(new byte[] { 0x1f, (byte) 0x8b, 0, 1 }));
		assertThatExceptionOfType(TraceFormatException.class)
			.isThrownBy(() -> this.codec.readSummary(new ByteArrayInputStream(new byte[0])));
	}

	@Test
	void summaryHasWhatListingsFilterOn() {
		TraceSummary summary = fullTrace().summary();
		assertThat(summary.status()).isEqualTo(500);
		assertThat(summary.method()).isEqualTo("POST");
		assertThat(summary.path()).isEqualTo("/api/orders");
		assertThat(summary.exceptionType()).isEqualTo("java.lang.IllegalStateException");
		assertThat(this.codec.readSummary(this.codec.toBytes(summary))).isEqualTo(summary);
	}

	static Trace fullTrace() {
		Instant start = Instant.parse("2026-11-21T14:03:07.412518Z");
		TraceId id = TraceId.parse("01a1fe6a-ff14-74e4-ab8a-495df7da3dc7");
		TraceError error = new TraceError("java.lang.IllegalStateException", "boom", List.of("a.B.c(B.java:1)"), 3,
				new TraceError("java.io.IOException", "io", List.of(), 0, null));
		TraceRequest request = new TraceRequest("POST", "http://localhost/api/orders?x=1", "/api/orders", "x=1",
				Map.of("Content-Type", List.of("application/json"), "Accept", List.of("a", "b")),
				TraceBody.text("application/json", "{\"é\":\"ü\"}", "UTF-8", 13, 13), "127.0.0.1");
		TraceResponse response = new TraceResponse(500, Map.of("X", List.of("1")),
				new TraceBody("application/octet-stream", TraceBody.Encoding.BASE64, "AAEC", null, null, 3, 3, false),
				3);
		List<TraceEvent> events = List.of(
				new DatabaseEvent(10, 20, "ok", "ds", "select 1 where a = ?", List.of(List.of("x")), 0, 1L, null, 2),
				new HttpClientEvent(30, 40, "ok", "RestClient", "GET", "http://x", 200, Map.of("A", List.of("b")),
						null, 0, Map.of(), TraceBody.text("text/plain", "hi", "UTF-8", 2, 2), 2L, null),
				new CacheEvent(50, 1, "hit", "get", "products", "1"),
				new JobEvent(60, 70, "error", "Mailer.send", "task-1", 5, error),
				new LogEvent(80, 0, "ok", "INFO", "a.B", "hello", "main", Map.of("k", "v"), null),
				new ExceptionEvent(90, 0, "error", error, false),
				new CustomEvent(100, 0, "ok", "order.placed", Map.of("total", "9.90")));
		return new Trace(Trace.SCHEMA_VERSION, id, start, 61873, "app", request, response, error, events, 4,
				new TracingContext("t", "s"), List.of());
	}

}
