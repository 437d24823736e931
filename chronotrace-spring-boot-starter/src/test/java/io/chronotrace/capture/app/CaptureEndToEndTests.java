package io.chronotrace.capture.app;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.chronotrace.capture.testing.AbstractStoredTraceTests;
import io.chronotrace.capture.testing.CapturedTrace;
import io.chronotrace.core.trace.CacheEvent;
import io.chronotrace.core.trace.CustomEvent;
import io.chronotrace.core.trace.DatabaseEvent;
import io.chronotrace.core.trace.ExceptionEvent;
import io.chronotrace.core.trace.HttpClientEvent;
import io.chronotrace.core.trace.JobEvent;
import io.chronotrace.core.trace.LogEvent;
import io.chronotrace.core.trace.TraceEvent;
import io.chronotrace.core.trace.TracingContext;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a request of the {@link CaptureTestApplication} leaves in its trace, as the recording
 * filter stored it: each kind of event, in the order it happened, with durations; the event
 * bound; the tracing ids.
 */
@DirtiesContext
@SpringBootTest(classes = CaptureTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "chronotrace.mode=always", "chronotrace.capture.max-events=" + CaptureEndToEndTests.MAX_EVENTS })
class CaptureEndToEndTests extends AbstractStoredTraceTests {

	/** The event bound of the test. */
	static final int MAX_EVENTS = 500;

	@Test
	void checkoutTraceShowsEachKindOfEventInTheOrderItHappenedWithDurations() {
		CapturedTrace trace = traceOf(get("/checkout/2"));
		List<String> kinds = trace.descriptions();
		assertThat(kinds).containsSubsequence("cache get miss", "database select name from product where id = ?",
				"cache put", "http GET /stock/2", "database insert into orders", "job Mailer.sendConfirmation",
				"log Order placed");
		assertThat(kinds).containsSubsequence("job Mailer.sendConfirmation", "log Sending confirmation");
		assertThat(kinds).last().isEqualTo("custom order.placed");
		assertThat(trace.events()).extracting(TraceEvent::offsetMicros).isSorted();
		assertThat(trace.events(DatabaseEvent.class)).allSatisfy((event) -> assertThat(event.durationMicros()).isPositive());
		HttpClientEvent stock = trace.events(HttpClientEvent.class).get(0);
		assertThat(stock.durationMicros()).isPositive();
		assertThat(stock.status()).isEqualTo(200);
		assertThat(stock.responseBody().content()).isEqualTo("{\"productId\":2,\"available\":7}");
		JobEvent job = trace.events(JobEvent.class).get(0);
		assertThat(job.durationMicros()).isPositive();
		assertThat(job.outcome()).isEqualTo(TraceEvent.OK);
		LogEvent confirmation = trace.events(LogEvent.class).get(0);
		assertThat(confirmation.thread()).isEqualTo(job.thread());
		assertThat(trace.events(CustomEvent.class).get(0).attributes()).containsEntry("product", "Milk frother");
		assertThat(trace.droppedEvents()).isZero();
	}

	@Test
	void aSecondCheckoutFindsTheProductInTheCache() {
		get("/checkout/3");
		CapturedTrace trace = traceOf(get("/checkout/3"));
		assertThat(trace.events(CacheEvent.class)).extracting(CacheEvent::outcome).containsExactly(CacheEvent.HIT);
		assertThat(trace.events(DatabaseEvent.class)).extracting(DatabaseEvent::sql)
			.doesNotContain("select name from product where id = ?");
	}

	@Test
	void aCallableThatSpringMvcRunsForTheRequestIsNoJobOfIt() {
		ResponseEntity<String> response = get("/quote/1");
		assertThat(response.getBody()).isEqualTo("quote for Espresso beans");
		assertThat(traceOf(response).events(JobEvent.class)).isEmpty();
	}

	@Test
	void anExceptionSpringMvcHandledIsAnEventMarkedHandled() {
		ResponseEntity<String> response = get("/products/999");
		assertThat(response.getStatusCode().value()).isEqualTo(404);
		ExceptionEvent event = traceOf(response).events(ExceptionEvent.class).get(0);
		assertThat(event.handled()).isTrue();
		assertThat(event.error().type()).isEqualTo("org.springframework.web.server.ResponseStatusException");
		assertThat(event.error().stackTrace()).isNotEmpty();
	}

	@Test
	void anExceptionThatEscapedIsAnEventMarkedNotHandled() {
		ResponseEntity<String> response = get("/payments/p-1/capture");
		assertThat(response.getStatusCode().value()).isEqualTo(500);
		ExceptionEvent event = traceOf(response).events(ExceptionEvent.class).get(0);
		assertThat(event.handled()).isFalse();
		assertThat(event.error().message()).isEqualTo("Payment provider rejected capture of payment p-1");
	}

	@Test
	void webClientRequestBodyIsStoredAsSentWithItsSecretsScrubbed() {
		ResponseEntity<String> response = get("/reserve/2");
		assertThat(response.getBody()).isEqualTo("{\"productId\":2,\"reserved\":1}");
		HttpClientEvent call = traceOf(response).events(HttpClientEvent.class).get(0);
		assertThat(call.client()).isEqualTo("WebClient");
		assertThat(call.method()).isEqualTo("POST");
		assertThat(call.requestBody().contentType()).isEqualTo("application/json");
		assertThat(call.requestBody().content()).isEqualTo(
				"{\"productId\":2,\"quantity\":1,\"contact\":\"write to [SCRUBBED]\",\"password\":\"[SCRUBBED]\"}");
		assertThat(call.requestSize()).isEqualTo(("{\"productId\":2,\"quantity\":1,\"contact\":\"write to "
				+ CaptureTestApplication.ReservationController.EMAIL + "\",\"password\":\""
				+ CaptureTestApplication.ReservationController.PASSWORD + "\"}").length());
		assertThat(call.responseBody().content()).isEqualTo(response.getBody());
	}

	@Test
	void traceCarriesTheIdsOfTheServerSpan() {
		ResponseEntity<String> response = get("/stock/1");
		assertThat(traceOf(response).tracing()).isEqualTo(
				new TracingContext(response.getHeaders().getFirst(CaptureTestApplication.TRACE_ID_HEADER),
						response.getHeaders().getFirst(CaptureTestApplication.SPAN_ID_HEADER)));
	}

	@Test
	void aRequestRunningOneHundredThousandQueriesKeepsTheBoundsNumberOfEventsAndCountsTheRest() {
		CapturedTrace trace = traceOf(get("/report?queries=100000"));
		assertThat(trace.events()).hasSize(MAX_EVENTS);
		assertThat(trace.droppedEvents()).isEqualTo(100_000 - MAX_EVENTS);
		assertThat(trace.events(DatabaseEvent.class)).hasSize(MAX_EVENTS)
			.allSatisfy((event) -> assertThat(event.repeated()).isEqualTo(100_000));
	}

}
