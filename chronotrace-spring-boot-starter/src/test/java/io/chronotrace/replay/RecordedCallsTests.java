package io.chronotrace.replay;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.chronotrace.core.trace.HttpClientEvent;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceEvent;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.trace.TraceRequest;
import io.chronotrace.core.trace.TraceResponse;

import static org.assertj.core.api.Assertions.assertThat;

class RecordedCallsTests {

	@Test
	void callsAreAnsweredByMethodAndUrlInTheOrderTheyWereRecorded() {
		RecordedCalls calls = new RecordedCalls(trace(call("GET", "http://w/stock/1", 200),
				call("GET", "http://w/stock/1", 404), call("POST", "http://w/stock/1", 201)));
		assertThat(calls.take("POST", "http://w/stock/1").status()).isEqualTo(201);
		assertThat(calls.take("GET", "http://w/stock/1").status()).isEqualTo(200);
		assertThat(calls.take("get", "http://w/stock/1").status()).isEqualTo(404);
		assertThat(calls.take("GET", "http://w/stock/1")).as("each recorded call answers once").isNull();
		assertThat(calls.take("GET", "http://w/stock/2")).isNull();
	}

	@Test
	void aScrubbedPartOfARecordedUrlMatchesAnyValueButNoMore() {
		RecordedCalls calls = new RecordedCalls(trace(call("GET", "http://w/items?api_key=[SCRUBBED]&q=1", 200)));
		assertThat(calls.take("GET", "http://w/items?api_key=abc&q=2")).isNull();
		assertThat(calls.take("GET", "http://w/items?api_key=abc&q=1")).isNotNull();
	}

	@Test
	void theSessionReportsServedUnmatchedWithTheNearestRecordedCallAndNotMadeCalls() {
		ReplaySession session = new ReplaySession(
				trace(call("GET", "http://w/a", 200), call("POST", "http://w/orders?page=1", 201),
						call("PUT", "http://w/b", 204)),
				"token", true, false, false);
		session.answer("GET", "http://w/a");
		session.answer("DELETE", "http://w/a");
		session.answer("POST", "http://w/orders?page=2");
		assertThat(session.served()).containsExactly(new ReplayCall("GET", "http://w/a", 200));
		assertThat(session.unmatched()).containsExactly(
				new ReplayCall("DELETE", "http://w/a", null, ReplayCall.NOT_RECORDED, "PUT http://w/b",
						"[-PUT-]{+DELETE+} http://w/[-b-]{+a+}"),
				new ReplayCall("POST", "http://w/orders?page=2", null, ReplayCall.NOT_RECORDED,
						"POST http://w/orders?page=1", "POST http://w/orders?page=[-1-]{+2+}"));
		assertThat(session.notMade()).extracting(ReplayCall::method, ReplayCall::outcome)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("POST", ReplayCall.NOT_MADE),
					org.assertj.core.groups.Tuple.tuple("PUT", ReplayCall.NOT_MADE));
	}

	private static HttpClientEvent call(String method, String url, int status) {
		return new HttpClientEvent(0, 10, TraceEvent.OK, "RestClient", method, url, status, Map.of(), null, 0,
				Map.of(), null, 0L, null);
	}

	private static Trace trace(TraceEvent... events) {
		Instant now = Instant.now();
		return new Trace(Trace.SCHEMA_VERSION, TraceId.create(now), now, 1, null,
				new TraceRequest("GET", "http://localhost/x", "/x", null, Map.of(), null, null),
				new TraceResponse(200, Map.of(), null, 0), null, List.of(events), 0, null, List.of());
	}

}
