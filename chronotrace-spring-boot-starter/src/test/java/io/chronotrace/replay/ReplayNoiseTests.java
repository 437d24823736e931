package io.chronotrace.replay;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.chronotrace.core.scrub.BodyScrubber;
import io.chronotrace.core.scrub.TraceScrubber;
import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceBody;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.trace.TraceResponse;
import io.chronotrace.replay.diff.Difference;
import io.chronotrace.replay.diff.Noise;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Replays of unchanged requests on a real server answer {@code identical} with no rule
 * configured: Spring Boot's error JSON with its timestamp, an absolute URL built from the
 * {@code Host} the client sent, a list whose order changes on every call, a 404; and what is
 * ignored is listed as noise with its reason, while a real change still counts.
 */
@SpringBootTest(classes = ReplayTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "chronotrace.mode=always", "chronotrace.storage=memory" })
class ReplayNoiseTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private TraceReplayer replayer;

	@Autowired
	private ReplayRegistry registry;

	@Autowired
	private TraceStorage storage;

	@Autowired
	private TraceScrubber traceScrubber;

	@Autowired
	private BodyScrubber bodyScrubber;

	@Test
	void springBootsErrorJsonReplaysIdenticalWithItsTimestampAsNoise() throws Exception {
		Trace original = record("http://localhost:" + this.port + "/fail");
		assertThat(original.response().status()).isEqualTo(500);
		ReplayResult result = this.replayer.replay(original, false);
		assertThat(result.identical()).as("%s", result.differences()).isTrue();
		assertThat(result.noise()).singleElement().satisfies((noise) -> {
			assertThat(noise.path()).isEqualTo("$.timestamp");
			assertThat(noise.reason()).isEqualTo(Noise.ERROR_TIMESTAMP);
		});
	}

	@Test
	void theReplaySendsTheHostTheClientSentSoAbsoluteUrlsMatch() throws Exception {
		// sent to 127.0.0.1 while the replay connects to localhost
		Trace original = record("http://127.0.0.1:" + this.port + "/here");
		assertThat(original.response().body().content()).contains("http://127.0.0.1:" + this.port + "/here");
		ReplayResult result = this.replayer.replay(original, false);
		assertThat(result.identical()).as("%s", result.differences()).isTrue();
		assertThat(result.noise()).isEmpty();
		assertThat(result.replay().body()).contains("http://127.0.0.1:" + this.port + "/here");
	}

	@Test
	void whatChangesBetweenTwoRunsIsNoiseAndTheSecondRunIsNotRecorded() throws Exception {
		Trace original = record("http://localhost:" + this.port + "/shuffled");
		int before = traces();
		ReplayResult result = null;
		int replays = 0;
		// a shuffle may give the recorded order back: then there is nothing to tell apart
		while (replays < 5 && (result == null || result.noise().isEmpty())) {
			result = this.replayer.replay(original, false);
			replays++;
		}
		assertThat(result.identical()).as("%s", result.differences()).isTrue();
		assertThat(result.noise()).isNotEmpty()
			.allSatisfy((noise) -> assertThat(noise.reason()).isEqualTo(Noise.CHANGES_BETWEEN_RUNS));
		TraceId replayId = TraceId.parse(result.replay().traceId());
		await().atMost(Duration.ofSeconds(10)).until(() -> this.storage.retrieve(replayId), Optional::isPresent);
		// one trace per replay, none for the second runs
		int expected = before + replays;
		await().atMost(Duration.ofSeconds(10)).until(() -> traces() >= expected);
		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> traces() == expected);
	}

	@Test
	void aNotFoundPageReplaysIdentical() throws Exception {
		Trace original = record("http://localhost:" + this.port + "/no/such/page");
		assertThat(original.response().status()).isEqualTo(404);
		ReplayResult result = this.replayer.replay(original, false);
		assertThat(result.identical()).as("%s", result.differences()).isTrue();
	}

	@Test
	void anArrayInAnotherOrderIsOneOrderDifferenceUnlessDeclaredUnordered() throws Exception {
		Trace recorded = record("http://localhost:" + this.port + "/colors");
		String reordered = "{\"colors\":[\"blue\",\"red\",\"green\"]}";
		Trace original = new Trace(recorded.schemaVersion(), TraceId.create(recorded.startTime()),
				recorded.startTime(), recorded.durationMicros(), recorded.application(), recorded.request(),
				new TraceResponse(200, recorded.response().headers(),
						TraceBody.text("application/json", reordered, "UTF-8", reordered.length(), reordered.length()),
						reordered.length()),
				null, List.of(), 0, null, List.of());
		this.storage.store(original);
		ReplayResult result = this.replayer.replay(original, false);
		assertThat(result.identical()).isFalse();
		assertThat(result.differences()).containsExactly(new Difference(Difference.ORDER, "$.colors",
				"[\"blue\",\"red\",\"green\"]", "[\"red\",\"green\",\"blue\"]"));
		TraceReplayer unordered = new TraceReplayer(this.storage, this.registry,
				new ReplaySettings(null, List.of(), List.of(), Map.of(), Duration.ofSeconds(30), null,
						ReplaySettings.DEFAULT_MAX_BODY_SIZE, List.of("$.colors")),
				() -> "http://localhost:" + this.port, this.traceScrubber, this.bodyScrubber);
		ReplayResult declared = unordered.replay(original, false);
		assertThat(declared.identical()).isTrue();
		assertThat(declared.noise()).singleElement()
			.satisfies((noise) -> assertThat(noise.reason()).isEqualTo(Noise.DECLARED_UNORDERED));
	}

	@Test
	void aRealChangeStillCounts() throws Exception {
		Trace recorded = record("http://localhost:" + this.port + "/colors");
		String changed = "{\"colors\":[\"red\",\"green\",\"purple\"]}";
		Trace original = new Trace(recorded.schemaVersion(), TraceId.create(recorded.startTime()),
				recorded.startTime(), recorded.durationMicros(), recorded.application(), recorded.request(),
				new TraceResponse(200, recorded.response().headers(),
						TraceBody.text("application/json", changed, "UTF-8", changed.length(), changed.length()),
						changed.length()),
				null, List.of(), 0, null, List.of());
		this.storage.store(original);
		ReplayResult result = this.replayer.replay(original, false);
		assertThat(result.identical()).isFalse();
		assertThat(result.differences()).containsExactly(new Difference(Difference.BODY, "$.colors[2]", "purple", "blue"));
		assertThat(result.noise()).isEmpty();
	}

	private int traces() {
		return this.storage.list(TraceQuery.builder().limit(1000).build()).items().size();
	}

	private Trace record(String url) throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		String id = response.headers().firstValue("X-ChronoTrace-Id").orElseThrow();
		return await().atMost(Duration.ofSeconds(10))
			.until(() -> this.storage.retrieve(TraceId.parse(id)), Optional::isPresent)
			.get();
	}

}
