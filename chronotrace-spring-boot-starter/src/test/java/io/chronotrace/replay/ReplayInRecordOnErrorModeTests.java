package io.chronotrace.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.trace.CustomEvent;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceBody;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.trace.TraceRequest;
import io.chronotrace.core.trace.TraceResponse;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * In {@code record-on-error} mode a successful request is not recorded, but a replay is, so that
 * it can be compared and linked to the original; a client's forged token changes nothing. With
 * the endpoint's default, read-only, access, replay is refused.
 */
@SpringBootTest(classes = ReplayTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "chronotrace.mode=record-on-error", "chronotrace.storage=memory",
				"management.endpoints.web.exposure.include=chronotrace" })
class ReplayInRecordOnErrorModeTests {

	@LocalServerPort
	private int port;

	@Autowired
	private TraceReplayer replayer;

	@Autowired
	private TraceStorage storage;

	@Test
	void aSuccessfulReplayIsRecordedAndLinkedToTheOriginal() {
		Instant now = Instant.now();
		String body = "{\"currency\":\"EUR\",\"items\":[{\"name\":\"cup\",\"price\":4.5}]}";
		Trace original = new Trace(Trace.SCHEMA_VERSION, TraceId.create(now), now, 1000, null,
				new TraceRequest("GET", "http://localhost/basket", "/basket", null, Map.of(), null, null),
				new TraceResponse(500, Map.of("Content-Type", List.of("application/json")),
						TraceBody.text("application/json", body, "UTF-8", 60, 60), 60),
				null, List.of(), 0, null, List.of());
		this.storage.store(original);

		ReplayResult result = this.replayer.replay(original.id(), false);

		assertThat(result.replay().status()).isEqualTo(200);
		assertThat(result.differences()).extracting((difference) -> difference.kind()).containsExactly("status");
		assertThat(result.replay().traceId()).isNotNull();
		Trace replay = await().atMost(Duration.ofSeconds(10))
			.until(() -> this.storage.retrieve(TraceId.parse(result.replay().traceId())), Optional::isPresent)
			.get();
		assertThat(replay.response().status()).isEqualTo(200);
		assertThat(replay.events()).first()
			.isInstanceOfSatisfying(CustomEvent.class, (event) -> assertThat(event.attributes())
				.containsEntry("originalTraceId", original.id().toString()));
	}

	@Test
	void readOnlyAccessRefusesReplayWithActuatorsStatus() {
		Instant now = Instant.now();
		Trace original = new Trace(Trace.SCHEMA_VERSION, TraceId.create(now), now, 1000, null,
				new TraceRequest("GET", "http://localhost/basket", "/basket", null, Map.of(), null, null),
				new TraceResponse(500, Map.of(), null, 0), null, List.of(), 0, null, List.of());
		this.storage.store(original);
		ResponseEntity<String> response = RestClient.create("http://localhost:" + this.port)
			.post()
			.uri("/actuator/chronotrace/{id}/replay", original.id())
			.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
			.body("{\"isolated\":true}")
			.retrieve()
			.onStatus((status) -> true, (request, answer) -> {
			})
			.toEntity(String.class);
		assertThat(response.getStatusCode().value()).isEqualTo(405);
		assertThat(this.storage.list(io.chronotrace.core.storage.TraceQuery.newest()).items())
			.as("no replay was recorded")
			.hasSize(1);
	}

	@Test
	void aClientRequestWithAForgedTokenIsNotRecorded() {
		ResponseEntity<String> response = RestClient.create("http://localhost:" + this.port)
			.get()
			.uri("/basket")
			.header(ReplayHeaders.TOKEN, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
			.retrieve()
			.toEntity(String.class);
		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(response.getHeaders().getFirst("X-ChronoTrace-Id")).isNull();
	}

}
