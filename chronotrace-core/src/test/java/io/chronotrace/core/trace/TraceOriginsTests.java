package io.chronotrace.core.trace;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where a trace came from is told by what ChronoTrace recorded after checking a secret, never by
 * a header a client can send.
 */
class TraceOriginsTests {

	private static final TraceId ORIGINAL = TraceId.parse("01957d90-da80-7630-aa27-ce9d6b9ebcfc");

	private static final TraceId OTHER = TraceId.parse("01957d5b-c0c0-7d4d-971c-4d5a1f34d682");

	@Test
	void anOrdinaryRequestIsARequestWithNoRelatedTrace() {
		TraceOrigins.Origin origin = TraceOrigins.of(trace(Map.of("Accept", List.of("*/*"))));

		assertThat(origin.origin()).isEqualTo(TraceOrigin.REQUEST);
		assertThat(origin.traceId()).isNull();
		assertThat(trace(Map.of()).summary().origin()).isEqualTo(TraceOrigin.REQUEST);
	}

	@Test
	void aReplayIsToldByTheEventTheReplayFilterAddsOnceItClaimedTheToken() {
		Trace trace = trace(Map.of("X-ChronoTrace-Replay-Of", List.of(ORIGINAL.toString())),
				new CustomEvent(10, 0, TraceEvent.OK, TraceOrigins.REPLAY_EVENT,
						Map.of(TraceOrigins.REPLAY_ORIGINAL, ORIGINAL.toString(), "isolated", "false")));

		assertThat(TraceOrigins.of(trace)).isEqualTo(new TraceOrigins.Origin(TraceOrigin.REPLAY, ORIGINAL));
		assertThat(trace.summary().origin()).isEqualTo(TraceOrigin.REPLAY);
		assertThat(trace.summary().originTraceId()).isEqualTo(ORIGINAL);
	}

	@Test
	void aClientThatSendsTheReplayHeaderOrAForgedTokenMakesNoReplay() {
		Trace trace = trace(Map.of("X-ChronoTrace-Replay-Of", List.of(ORIGINAL.toString()),
				"X-ChronoTrace-Replay-Token", List.of("forged"), "X-ChronoTrace-Self-Call", List.of("forged"),
				"X-ChronoTrace-Self-Call-Token", List.of(OTHER + ".forged")));

		assertThat(TraceOrigins.of(trace).origin()).isEqualTo(TraceOrigin.REQUEST);
		assertThat(trace.summary().originTraceId()).isNull();
	}

	@Test
	void aSelfCallIsToldByTheEventTheFilterAddsOnceItCheckedTheCallersToken() {
		Trace trace = trace(Map.of(), new CustomEvent(0, 0, TraceEvent.OK, TraceOrigins.SELF_CALL_EVENT,
				Map.of(TraceOrigins.SELF_CALL_CALLER, OTHER.toString())));

		assertThat(TraceOrigins.of(trace)).isEqualTo(new TraceOrigins.Origin(TraceOrigin.SELF_CALL, OTHER));
	}

	@Test
	void aMarkerEventWhoseIdIsNotATraceIdMarksNothing() {
		Trace trace = trace(Map.of(), new CustomEvent(0, 0, TraceEvent.OK, TraceOrigins.REPLAY_EVENT,
				Map.of(TraceOrigins.REPLAY_ORIGINAL, "../../etc/passwd")));

		assertThat(TraceOrigins.of(trace).origin()).isEqualTo(TraceOrigin.REQUEST);
	}

	@Test
	void aGeneratedTestIsOnlyALabelFromItsHeaderWhateverItsCase() {
		Trace trace = trace(Map.of("x-chronotrace-generated-from", List.of(ORIGINAL.toString().toUpperCase())));

		assertThat(TraceOrigins.of(trace)).isEqualTo(new TraceOrigins.Origin(TraceOrigin.GENERATED_TEST, ORIGINAL));
	}

	@Test
	void aGeneratedTestHeaderThatIsNotOneTraceIdIsIgnored() {
		assertThat(TraceOrigins.of(trace(Map.of(TraceOrigins.GENERATED_TEST_HEADER, List.of("<script>")))).origin())
			.isEqualTo(TraceOrigin.REQUEST);
		assertThat(TraceOrigins
			.of(trace(Map.of(TraceOrigins.GENERATED_TEST_HEADER, List.of(ORIGINAL.toString(), OTHER.toString()))))
			.origin()).isEqualTo(TraceOrigin.REQUEST);
	}

	@Test
	void theReplaysEventWinsOverAGeneratedTestHeaderAClientSent() {
		Trace trace = trace(Map.of(TraceOrigins.GENERATED_TEST_HEADER, List.of(OTHER.toString())),
				new CustomEvent(0, 0, TraceEvent.OK, TraceOrigins.REPLAY_EVENT,
						Map.of(TraceOrigins.REPLAY_ORIGINAL, ORIGINAL.toString())));

		assertThat(TraceOrigins.of(trace)).isEqualTo(new TraceOrigins.Origin(TraceOrigin.REPLAY, ORIGINAL));
	}

	@Test
	void markersGiveTheSameOriginBack() {
		for (TraceOrigin kind : TraceOrigin.values()) {
			TraceOrigins.Origin origin = new TraceOrigins.Origin(kind, (kind != TraceOrigin.REQUEST) ? ORIGINAL : null);
			Trace trace = trace(TraceOrigins.markerHeaders(origin),
					TraceOrigins.markerEvents(origin).toArray(new TraceEvent[0]));

			assertThat(TraceOrigins.of(trace)).isEqualTo(origin);
		}
	}

	@Test
	void aSummaryWithAnOriginSurvivesJsonAndOneWithoutReadsAsARequest() {
		TraceSummary summary = new TraceSummary(OTHER, Instant.parse("2025-03-10T10:00:00Z"), 5, "shop", "GET", "/a",
				200, null, 1, TraceOrigin.SELF_CALL, ORIGINAL);

		assertThat(TraceCodec.get().readSummary(TraceCodec.get().toBytes(summary))).isEqualTo(summary);
		assertThat(TraceCodec.get().readSummary(("{\"id\":\"" + OTHER + "\",\"startTime\":\"2025-03-10T10:00:00Z\","
				+ "\"durationMicros\":5,\"method\":\"GET\",\"path\":\"/a\",\"status\":200,\"eventCount\":1}")
			.getBytes(java.nio.charset.StandardCharsets.UTF_8)).origin()).isEqualTo(TraceOrigin.REQUEST);
	}

	@Test
	void parameterNamesAreLowerCaseWithDashes() {
		assertThat(TraceOrigin.SELF_CALL.parameterName()).isEqualTo("self-call");
		assertThat(TraceOrigin.ofParameterName("Generated-Test")).isEqualTo(TraceOrigin.GENERATED_TEST);
		assertThat(TraceOrigin.ofParameterName("self_call")).isEqualTo(TraceOrigin.SELF_CALL);
		assertThat(TraceOrigin.ofParameterName("replays")).isNull();
	}

	private static Trace trace(Map<String, List<String>> headers, TraceEvent... events) {
		Map<String, List<String>> requestHeaders = new LinkedHashMap<>(headers);
		TraceRequest request = new TraceRequest("GET", "http://localhost:8080/api/orders", "/api/orders", null,
				requestHeaders, null, "127.0.0.1");
		TraceResponse response = new TraceResponse(200, Map.of(), null, 0);
		return new Trace(Trace.SCHEMA_VERSION, TraceId.create(Instant.parse("2025-03-10T10:00:00Z")),
				Instant.parse("2025-03-10T10:00:00Z"), 1000, "shop", request, response, null,
				new ArrayList<>(List.of(events)), 0, null, List.of());
	}

}
