package io.chronotrace.replay;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.chronotrace.core.scrub.BodyScrubber;
import io.chronotrace.core.scrub.TraceScrubber;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceBody;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.trace.TraceRequest;
import io.chronotrace.core.trace.TraceResponse;
import io.chronotrace.replay.ReplayTestApplication.Shop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Replay with its defaults, as an attacker's recorded request meets it: a {@code POST} is
 * refused (403 naming the property) and nothing is sent, a {@code GET} replays, forwarding
 * headers are never sent again, and a replayed response is read no further than the capture
 * limit, nor longer than the timeout.
 */
@SpringBootTest(classes = ReplayTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "chronotrace.mode=always", "chronotrace.storage=memory",
				"management.endpoints.web.exposure.include=chronotrace",
				"management.endpoint.chronotrace.access=unrestricted" })
class ReplaySafetyTests {

	@LocalServerPort
	private int port;

	@Autowired
	private TraceReplayer replayer;

	@Autowired
	private ReplayRegistry registry;

	@Autowired
	private TraceStorage storage;

	@Autowired
	private Shop shop;

	@Autowired
	private TraceScrubber traceScrubber;

	@Autowired
	private BodyScrubber bodyScrubber;

	@BeforeEach
	void forget() {
		this.shop.received.set(null);
	}

	@Test
	void aPostIsRefusedByDefaultWithAnAnswerNamingThePropertyAndNothingIsSent() throws Exception {
		Trace order = store(echo("POST"));
		HttpResponse<String> answer = postReplay(order.id());
		assertThat(answer.statusCode()).isEqualTo(403);
		JsonNode error = JsonMapper.builder().build().readTree(answer.body());
		assertThat(error.get("status").asInt()).isEqualTo(403);
		assertThat(error.get("message").asString()).contains("is a POST request")
			.contains("only GET, HEAD, OPTIONS are replayed")
			.contains("chronotrace.replay.allowed-methods");
		assertThat(this.shop.received.get()).as("the application received nothing").isNull();
		assertThatExceptionOfType(ReplayNotAllowedException.class)
			.isThrownBy(() -> this.replayer.replay(store(echo("DELETE")), false))
			.withMessageContaining("chronotrace.replay.allowed-methods");
		assertThat(this.shop.received.get()).isNull();
	}

	@Test
	void aGetReplaysByDefault() throws Exception {
		Trace read = store(echo("GET"));
		HttpResponse<String> answer = postReplay(read.id());
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		assertThat(JsonMapper.builder().build().readTree(answer.body()).get("replay").get("status").asInt())
			.isEqualTo(200);
		assertThat(this.shop.received.get()).isNotNull();
	}

	@Test
	void forwardingHeadersAreNeverReplayed() {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		headers.put("X-Forwarded-For", List.of("10.0.0.1"));
		headers.put("X-Forwarded-Host", List.of("admin.internal"));
		headers.put("X-Forwarded-Proto", List.of("https"));
		headers.put("Forwarded", List.of("for=10.0.0.1;proto=https"));
		headers.put("X-Real-IP", List.of("10.0.0.1"));
		headers.put("X-Request-Source", List.of("mobile"));
		this.replayer.replay(store(new TraceRequest("GET", "http://localhost/echo", "/echo", null, headers, null,
				"203.0.113.9")), false);
		assertThat(this.shop.received.get().headers()).containsEntry("x-request-source", List.of("mobile"))
			.doesNotContainKeys("x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "forwarded", "x-real-ip");
	}

	@Test
	void aReplayedResponseIsReadOnlyUpToTheCaptureLimit() {
		TraceReplayer bounded = new TraceReplayer(this.storage, this.registry,
				new ReplaySettings(null, List.of(), List.of(), Map.of(), Duration.ofSeconds(30), null, 1000, null),
				() -> "http://localhost:" + this.port, this.traceScrubber, this.bodyScrubber);
		Trace large = store(new TraceRequest("GET", "http://localhost/large?size=300000", "/large", "size=300000",
				Map.of(), null, null));
		ReplayResult result = bounded.replay(large, false);
		assertThat(result.replay().body()).hasSize(1000);
		assertThat(result.warnings()).anySatisfy((warning) -> assertThat(warning)
			.contains("longer than the capture limit of 1000 bytes (chronotrace.capture.max-body-size)"));
		assertThat(result.differences()).noneMatch((difference) -> difference.kind().equals("body"));
	}

	@Test
	void aBodyThatNeverEndsFailsTheReplayAfterTheTimeout() throws Exception {
		// answers with headers at once, then trickles a chunked body forever
		try (ServerSocket trickling = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			Thread server = new Thread(() -> trickle(trickling));
			server.setDaemon(true);
			server.start();
			TraceReplayer impatient = new TraceReplayer(this.storage, this.registry,
					new ReplaySettings("http://127.0.0.1:" + trickling.getLocalPort(), List.of(), List.of(), Map.of(),
							Duration.ofMillis(800), null, ReplaySettings.DEFAULT_MAX_BODY_SIZE, null),
					() -> "http://unused", this.traceScrubber, this.bodyScrubber);
			Trace trace = store(new TraceRequest("GET", "http://localhost/echo", "/echo", null, Map.of(), null, null));
			long start = System.nanoTime();
			assertThatExceptionOfType(ReplayException.class).isThrownBy(() -> impatient.replay(trace, false))
				.withMessageContaining("no response within 800 ms (chronotrace.replay.timeout)");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
			server.interrupt();
		}
	}

	private static void trickle(ServerSocket server) {
		try (Socket socket = server.accept()) {
			InputStream in = socket.getInputStream();
			byte[] request = new byte[4096];
			in.read(request);
			OutputStream out = socket.getOutputStream();
			out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			while (!Thread.currentThread().isInterrupted()) {
				out.write("1\r\nx\r\n".getBytes(StandardCharsets.US_ASCII));
				out.flush();
				Thread.sleep(50);
			}
		}
		catch (IOException | InterruptedException ex) {
			// the replay gave up: done
		}
	}

	private HttpResponse<String> postReplay(TraceId id) throws IOException, InterruptedException {
		// the plain form a user types: no body, no content type
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/chronotrace/" + id + "/replay"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.noBody())
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static TraceRequest echo(String method) {
		String body = "{\"item\":\"cup\"}";
		return new TraceRequest(method, "http://localhost/echo", "/echo", null,
				Map.of("Content-Type", List.of("application/json")),
				method.equals("GET") ? null : TraceBody.text("application/json", body, "UTF-8", body.length(),
						body.length()),
				"203.0.113.9");
	}

	private Trace store(TraceRequest request) {
		Instant now = Instant.now();
		String answer = "{\"ok\":\"yes\"}";
		Trace trace = new Trace(Trace.SCHEMA_VERSION, TraceId.create(now), now, 1000, null, request,
				new TraceResponse(200, Map.of("Content-Type", List.of("application/json")),
						TraceBody.text("application/json", answer, "UTF-8", answer.length(), answer.length()),
						answer.length()),
				null, List.of(), 0, null, List.of());
		this.storage.store(trace);
		return trace;
	}

}
