package io.chronotrace.replay;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceBody;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.trace.TraceRequest;
import io.chronotrace.core.trace.TraceResponse;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayRequestsTests {

	private final ReplayRequests requests = new ReplayRequests(new ScrubbedValueReplacer(Map.of()));

	@Test
	void headersOfTheConnectionAndOfChronoTraceAreNotCopied() {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (String name : List.of("Host", "Content-Length", "Connection", "Transfer-Encoding", "Keep-Alive",
				"Accept-Encoding", "X-ChronoTrace-Id", "X-ChronoTrace-Replay-Token", "x-chronotrace-replay-of")) {
			headers.put(name, List.of("x"));
		}
		headers.put("Accept", List.of("application/json"));
		ReplayRequest request = rebuild(new TraceRequest("GET", "http://h/a", "/a", null, headers, null, null));
		assertThat(request.headers()).containsOnlyKeys("Accept");
	}

	@Test
	void thePathIsSentAsTheClientEncodedIt() {
		ReplayRequest request = rebuild(
				new TraceRequest("GET", "http://h/app/caf%C3%A9?q=a%20b", "/app/café", "q=a%20b", Map.of(), null, null));
		assertThat(request.pathAndQuery()).isEqualTo("/app/caf%C3%A9?q=a%20b");
	}

	@Test
	void aQueryOfScrubbedParametersOnlyIsLeftOut() {
		ReplayRequest request = rebuild(
				new TraceRequest("GET", "http://h/a?token=[SCRUBBED]", "/a", "token=[SCRUBBED]", Map.of(), null, null));
		assertThat(request.pathAndQuery()).isEqualTo("/a");
	}

	@Test
	void bodiesAreSentFromTextBase64OrTheirAttachment() {
		assertThat(body(TraceBody.text("text/plain;charset=ISO-8859-1", "café", "ISO-8859-1", 4, 4)))
			.isEqualTo("café".getBytes(StandardCharsets.ISO_8859_1));
		assertThat(body(new TraceBody("application/octet-stream", TraceBody.Encoding.BASE64,
				Base64.getEncoder().encodeToString(new byte[] { 1, 2 }), null, null, 2, 2, false)))
			.containsExactly(1, 2);
		TraceBody attachment = new TraceBody("application/json", TraceBody.Encoding.ATTACHMENT, null, "request-body",
				"UTF-8", 30, 30, false);
		ReplayRequest request = this.requests.rebuild(trace(post(attachment)),
				(name) -> name.equals("request-body")
						? "{\"a\":1,\"secret\":\"[SCRUBBED]\"}".getBytes(StandardCharsets.UTF_8) : null);
		assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
	}

	@Test
	void whatCannotBeReplayedAsRecordedIsAWarning() {
		ReplayRequest omitted = rebuild(post(new TraceBody("application/gzip", TraceBody.Encoding.OMITTED, null, null,
				null, 100, 0, false)));
		assertThat(omitted.body()).isEmpty();
		assertThat(omitted.warnings()).singleElement().asString().contains("not stored");
		ReplayRequest truncated = rebuild(post(TraceBody.text("text/plain", "abc", "UTF-8", 10, 3)));
		assertThat(truncated.warnings()).singleElement().asString().contains("cut at 3 of its 10 bytes");
	}

	private byte[] body(TraceBody body) {
		return rebuild(post(body)).body();
	}

	private static TraceRequest post(TraceBody body) {
		return new TraceRequest("POST", "http://h/a", "/a", null, Map.of(), body, null);
	}

	private ReplayRequest rebuild(TraceRequest request) {
		return this.requests.rebuild(trace(request), (name) -> null);
	}

	private static Trace trace(TraceRequest request) {
		Instant now = Instant.now();
		return new Trace(Trace.SCHEMA_VERSION, TraceId.create(now), now, 1, null, request,
				new TraceResponse(200, Map.of(), null, 0), null, List.of(), 0, null, List.of());
	}

}
