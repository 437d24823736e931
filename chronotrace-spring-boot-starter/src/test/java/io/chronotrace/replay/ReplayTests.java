package io.chronotrace.replay;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.chronotrace.core.scrub.BodyScrubber;
import io.chronotrace.core.scrub.TraceScrubber;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.trace.CustomEvent;
import io.chronotrace.core.trace.HttpClientEvent;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceBody;
import io.chronotrace.core.trace.TraceEvent;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.trace.TraceRequest;
import io.chronotrace.core.trace.TraceResponse;
import io.chronotrace.replay.ReplayTestApplication.Received;
import io.chronotrace.replay.ReplayTestApplication.Shop;
import io.chronotrace.replay.diff.Difference;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Replays of recorded requests against the running application on its real server: identical,
 * with a difference, isolated from a remote service that is stopped, and with scrubbed values.
 */
@SpringBootTest(classes = ReplayTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "chronotrace.mode=always", "chronotrace.storage=memory",
				"chronotrace.replay.allowed-methods=GET,HEAD,OPTIONS,POST" })
class ReplayTests {

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

	private Warehouse warehouse;

	private RestClient client;

	@BeforeEach
	void start() throws Exception {
		this.warehouse = new Warehouse();
		this.shop.warehouse.set(this.warehouse.url());
		this.shop.price.set(new BigDecimal("4.5"));
		this.client = RestClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
			})
			.build();
	}

	@AfterEach
	void stop() {
		this.warehouse.close();
	}

	@Test
	void replayOfAnUnchangedRequestIsIdenticalAndRecordedAsATraceLinkedToTheOriginal() {
		TraceId original = traceIdOf(this.client.get().uri("/basket").retrieve().toEntity(String.class));
		stored(original);
		ReplayResult result = this.replayer.replay(original, false);
		assertThat(result.identical()).as("%s", result.differences()).isTrue();
		assertThat(result.differences()).isEmpty();
		assertThat(result.original().status()).isEqualTo(200);
		assertThat(result.replay().status()).isEqualTo(200);
		assertThat(result.replay().body()).isEqualTo(result.original().body()).contains("\"price\":4.5");
		assertThat(result.replay().traceId()).isNotNull().isNotEqualTo(original.toString());
		Trace replay = stored(TraceId.parse(result.replay().traceId()));
		assertThat(replay.events()).first()
			.isInstanceOfSatisfying(CustomEvent.class, (event) -> {
				assertThat(event.name()).isEqualTo("chronotrace.replay");
				assertThat(event.attributes()).containsEntry("originalTraceId", original.toString())
					.containsEntry("isolated", "false");
			});
		assertThat(replay.request().headers()).containsEntry("X-ChronoTrace-Replay-Of", List.of(original.toString()));
		assertThat(replay.request().headers().get("X-ChronoTrace-Replay-Token"))
			.as("the token, spent, is scrubbed like any token")
			.containsExactly("[SCRUBBED]");
	}

	@Test
	void aChangedFieldIsReportedByItsJsonPath() {
		TraceId original = traceIdOf(this.client.get().uri("/basket").retrieve().toEntity(String.class));
		stored(original);
		this.shop.price.set(new BigDecimal("5.25"));
		ReplayResult result = this.replayer.replay(original, false);
		assertThat(result.identical()).isFalse();
		assertThat(result.differences()).containsExactly(new Difference("body", "$.items[0].price", "4.5", "5.25"));
	}

	@Test
	void anUnknownTraceHasNoReplay() {
		assertThat(this.replayer.replay(TraceId.create(Instant.now()), false)).isNull();
	}

	@Test
	void isolatedReplayAnswersTheOutboundCallFromTheRecordingWhileTheRemoteIsStopped() {
		TraceId original = traceIdOf(this.client.get().uri("/stock/3").retrieve().toEntity(String.class));
		Trace recorded = stored(original);
		assertThat(recorded.events(/* the call went out */)).hasAtLeastOneElementOfType(HttpClientEvent.class);
		assertThat(this.warehouse.calls()).isOne();
		this.warehouse.close();

		ReplayResult result = this.replayer.replay(original, true);
		assertThat(result.isolated()).isTrue();
		assertThat(result.identical()).as("%s", result.differences()).isTrue();
		assertThat(result.replay().body()).contains("available");
		assertThat(result.servedFromRecording())
			.containsExactly(new ReplayCall("GET", this.warehouse.url() + "/stock/3", 200));
		assertThat(result.unmatchedCalls()).isEmpty();
		assertThat(this.warehouse.calls()).isOne();
		Trace replay = stored(TraceId.parse(result.replay().traceId()));
		assertThat(replay.events()).filteredOn(HttpClientEvent.class::isInstance)
			.singleElement()
			.satisfies((event) -> assertThat(((HttpClientEvent) event).status()).isEqualTo(200));
		assertThat(replay.events().get(0)).isInstanceOfSatisfying(CustomEvent.class,
				(event) -> assertThat(event.attributes()).containsEntry("isolated", "true"));

		ReplayResult notIsolated = this.replayer.replay(original, false);
		assertThat(notIsolated.replay().status()).as("the remote is stopped").isEqualTo(500);
		assertThat(notIsolated.differences()).contains(new Difference("status", null, "200", "500"));
		assertThat(notIsolated.differences()).as("calls that went to the network are not compared with the recording")
			.noneMatch((difference) -> difference.kind().equals(Difference.CALL));
		assertThat(notIsolated.unusedCalls()).isEmpty();
		assertThat(notIsolated.statements()).isEmpty();
	}

	@Test
	void isolatedReplayAnswersRestTemplateAndWebClientCallsToo() {
		for (String client : List.of("template", "webclient")) {
			TraceId original = traceIdOf(
					this.client.get().uri("/stock/6/" + client).retrieve().toEntity(String.class));
			stored(original);
		}
		List<TraceId> originals = this.storage.list(io.chronotrace.core.storage.TraceQuery.newest())
			.items()
			.stream()
			.filter((summary) -> summary.path().startsWith("/stock/6/"))
			.map((summary) -> summary.id())
			.toList();
		assertThat(originals).hasSize(2);
		int calls = this.warehouse.calls();
		this.warehouse.close();
		for (TraceId original : originals) {
			ReplayResult result = this.replayer.replay(original, true);
			assertThat(result.identical()).as("%s", result.differences()).isTrue();
			assertThat(result.servedFromRecording()).extracting(ReplayCall::url)
				.containsExactly(this.warehouse.url() + "/stock/6");
		}
		assertThat(this.warehouse.calls()).isEqualTo(calls);
	}

	@Test
	void isolatedReplayFailsACallTheRecordingHoldsNoAnswerForAndReportsIt() {
		Trace original = store(new TraceRequest("GET", "http://localhost/stock/9", "/stock/9", null, Map.of(), null,
				null), json(200, "{\"id\":9,\"warehouse\":\"{}\"}"), List.of());
		ReplayResult result = this.replayer.replay(original.id(), true);
		assertThat(result.replay().status()).isEqualTo(500);
		assertThat(result.unmatchedCalls()).containsExactly(new ReplayCall("GET", this.warehouse.url() + "/stock/9",
				null, ReplayCall.NOT_RECORDED, null, null));
		assertThat(result.servedFromRecording()).isEmpty();
		assertThat(result.identical()).isFalse();
		assertThat(result.differences()).contains(
				new Difference(Difference.CALL, "call 1", null, "GET " + this.warehouse.url() + "/stock/9"));
		assertThat(this.warehouse.calls()).as("not sent to the network").isZero();
	}

	@Test
	void aRequestWithAForgedOrSpentTokenGetsNoSpecialTreatment() {
		Trace original = store(new TraceRequest("GET", "http://localhost/stock/4", "/stock/4", null, Map.of(), null,
				null), json(200, "{}"), List.of());
		ReplaySession spent = this.registry.open(original, true, false);
		this.registry.close(spent);
		for (String token : List.of("guessed", spent.token())) {
			ResponseEntity<String> response = this.client.get()
				.uri("/stock/4")
				.header(ReplayHeaders.TOKEN, token)
				.retrieve()
				.toEntity(String.class);
			assertThat(response.getStatusCode().value()).isEqualTo(200);
			assertThat(stored(traceIdOf(response)).events()).noneMatch(CustomEvent.class::isInstance);
		}
		assertThat(this.warehouse.calls()).as("the calls went to the network").isEqualTo(2);
	}

	@Test
	void scrubbedValuesAreLeftOutWhenNoSubstituteIsConfigured() {
		Trace original = store(scrubbedEcho(), json(200, "{\"ok\":\"yes\"}"), List.of());
		ReplayResult result = this.replayer.replay(original.id(), false);
		assertThat(result.replay().status()).isEqualTo(200);
		Received received = this.shop.received.get();
		assertThat(received.headers()).doesNotContainKeys("authorization", "x-api-key")
			.containsEntry("x-request-source", List.of("mobile"));
		assertThat(received.parameters()).doesNotContainKey("api_key").containsEntry("q", List.of("cups"));
		assertThat(received.body()).containsOnlyKeys("user").containsEntry("user", "ann");
		assertThat(received.toString()).doesNotContain("SCRUBBED");
	}

	@Test
	void scrubbedValuesAreReplacedByTheirSubstitutes() {
		TraceReplayer substituting = new TraceReplayer(this.storage, this.registry,
				new ReplaySettings(null, List.of(), List.of(), Map.of("authorization", "Bearer test-token", "API_KEY",
						"test-key", "password", "test-password")).withAllowedMethods("POST"),
				() -> "http://localhost:" + this.port, this.traceScrubber, this.bodyScrubber);
		Trace original = store(scrubbedEcho(), json(200, "{\"ok\":\"yes\"}"), List.of());
		ReplayResult result = substituting.replay(original.id(), false);
		assertThat(result.replay().status()).isEqualTo(200);
		Received received = this.shop.received.get();
		assertThat(received.headers()).containsEntry("authorization", List.of("Bearer test-token"))
			.doesNotContainKey("x-api-key");
		assertThat(received.parameters()).containsEntry("api_key", List.of("test-key"));
		assertThat(received.body()).containsEntry("password", "test-password").containsEntry("user", "ann");
	}

	@Test
	void toAnotherTargetTheTokenIsNotSentAndIsolationIsRefused() {
		TraceReplayer elsewhere = new TraceReplayer(this.storage, this.registry,
				new ReplaySettings("http://localhost:" + this.port + "/", List.of(), List.of(), Map.of()),
				() -> "http://unused", this.traceScrubber, this.bodyScrubber);
		TraceId original = traceIdOf(this.client.get().uri("/basket").retrieve().toEntity(String.class));
		stored(original);
		ReplayResult result = elsewhere.replay(original, false);
		assertThat(result.identical()).isTrue();
		assertThat(result.warnings()).singleElement().asString().contains("not linked");
		Trace replay = stored(TraceId.parse(result.replay().traceId()));
		assertThat(replay.request().headers()).doesNotContainKey("X-ChronoTrace-Replay-Token");
		assertThat(replay.events()).noneMatch(CustomEvent.class::isInstance);
		assertThatExceptionOfType(ReplayRefusedException.class).isThrownBy(() -> elsewhere.replay(original, true))
			.withMessageContaining("chronotrace.replay.target");
	}

	@Test
	void aReplayWithoutAnAnswerFailsAfterTheTimeoutNamingIt() throws Exception {
		// accepts the connection and never answers, as a hung application would
		try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			TraceReplayer impatient = new TraceReplayer(this.storage, this.registry,
					new ReplaySettings("http://127.0.0.1:" + silent.getLocalPort(), List.of(), List.of(), Map.of(),
							Duration.ofMillis(300), null, ReplaySettings.DEFAULT_MAX_BODY_SIZE, null),
					() -> "http://unused", this.traceScrubber, this.bodyScrubber);
			Trace original = store(new TraceRequest("GET", "http://localhost/basket", "/basket", null, Map.of(), null,
					null), json(200, "{}"), List.of());
			long start = System.nanoTime();
			assertThatExceptionOfType(ReplayException.class).isThrownBy(() -> impatient.replay(original.id(), false))
				.withMessageContaining("no response within 300 ms (chronotrace.replay.timeout)");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
		}
	}

	@Test
	void theTimeoutMustBePositive() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> new ReplaySettings(null, List.of(), List.of(), Map.of(), Duration.ZERO, null, 0, null))
			.withMessageContaining("chronotrace.replay.timeout must be positive");
		assertThat(ReplaySettings.defaults().timeout()).isEqualTo(Duration.ofSeconds(60));
	}

	private static TraceRequest scrubbedEcho() {
		return new TraceRequest("POST", "http://localhost/echo?api_key=[SCRUBBED]&q=cups", "/echo",
				"api_key=[SCRUBBED]&q=cups",
				Map.of("Authorization", List.of("Bearer [SCRUBBED]"), "X-Api-Key", List.of("[SCRUBBED]"),
						"X-Request-Source", List.of("mobile"), "Content-Type", List.of("application/json"),
						"Content-Length", List.of("40"), "Host", List.of("example.org")),
				TraceBody.text("application/json", "{\"user\":\"ann\",\"password\":\"[SCRUBBED]\"}", "UTF-8", 40, 40),
				"10.0.0.1");
	}

	private static TraceResponse json(int status, String body) {
		return new TraceResponse(status, Map.of("Content-Type", List.of("application/json")),
				TraceBody.text("application/json", body, "UTF-8", body.length(), body.length()), body.length());
	}

	private Trace store(TraceRequest request, TraceResponse response, List<TraceEvent> events) {
		Instant now = Instant.now();
		Trace trace = new Trace(Trace.SCHEMA_VERSION, TraceId.create(now), now, 1000, null, request, response, null,
				events, 0, null, List.of());
		this.storage.store(trace);
		return trace;
	}

	private static TraceId traceIdOf(ResponseEntity<?> response) {
		String id = response.getHeaders().getFirst("X-ChronoTrace-Id");
		assertThat(id).as("X-ChronoTrace-Id response header").isNotNull();
		return TraceId.parse(id);
	}

	private Trace stored(TraceId id) {
		return await().atMost(Duration.ofSeconds(10)).until(() -> this.storage.retrieve(id), Optional::isPresent).get();
	}

}
