package io.chronotrace.sample.shop;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.chronotrace.capture.testing.AbstractStoredTraceTests;
import io.chronotrace.capture.testing.CapturedTrace;
import io.chronotrace.core.trace.CustomEvent;
import io.chronotrace.core.trace.DatabaseEvent;
import io.chronotrace.core.trace.ExceptionEvent;
import io.chronotrace.core.trace.HttpClientEvent;
import io.chronotrace.core.trace.JobEvent;
import io.chronotrace.core.trace.LogEvent;
import io.chronotrace.core.trace.TraceEvent;
import io.chronotrace.core.trace.TraceResponse;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each endpoint of the shop produces a trace whose events show what the request did, in order,
 * with durations: the trace the recording filter stored with the sample's own configuration
 * ({@code mode: always}), in a temporary directory.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ShopTraceTests extends AbstractStoredTraceTests {

	@Test
	void productListIsOneQuery() {
		ResponseEntity<String> response = get("/api/products");
		assertThat(response.getBody()).contains("Espresso beans 1kg", "Milk frother", "Ceramic cup");
		DatabaseEvent query = single(traceOf(response).events(DatabaseEvent.class));
		assertThat(query.sql()).isEqualTo("select id, name, price from product order by id");
		assertThat(query.rows()).isEqualTo(3);
		assertThat(query.durationMicros()).isPositive();
	}

	@Test
	void productLookupQueriesTheDatabaseOnceThenFindsTheProductInTheCache() {
		ResponseEntity<String> first = get("/api/products/2");
		assertThat(first.getBody()).contains("Milk frother");
		assertThat(traceOf(first).descriptions()).containsExactly("cache get miss",
				"database select id, name, price from product where id = ?", "cache put");
		DatabaseEvent query = traceOf(first).events(DatabaseEvent.class).get(0);
		assertThat(query.parameters()).containsExactly(List.of("2"));
		assertThat(query.rows()).isEqualTo(1);
		assertThat(traceOf(get("/api/products/2")).descriptions()).containsExactly("cache get hit");
	}

	@Test
	void placingAnOrderShowsEachStepInTheOrderItHappenedWithDurations() {
		ResponseEntity<String> response = client().post()
			.uri("/api/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("customerEmail", "ada@example.com", "lines",
					List.of(Map.of("productId", 1, "quantity", 2), Map.of("productId", 3, "quantity", 1))))
			.retrieve()
			.toEntity(String.class);
		assertThat(response.getBody()).contains("\"total\":58.30", "CONFIRMED");
		CapturedTrace trace = traceOf(response);
		assertThat(trace.descriptions()).containsSubsequence("custom order.pricing", "cache get miss",
				"database select id, name, price from product where id = ?", "cache put",
				"http GET /api/warehouse/stock/1", "http GET /api/warehouse/stock/3", "database insert into orders",
				"database insert into order_line", "job OrderNotifier.sendConfirmation", "log Order placed",
				"custom order.placed");
		assertThat(trace.descriptions()).containsSubsequence("job OrderNotifier.sendConfirmation", "log Sending confirmation");
		assertThat(trace.events()).extracting(TraceEvent::offsetMicros).isSorted();
		assertThat(trace.events(HttpClientEvent.class)).allSatisfy((call) -> {
			assertThat(call.status()).isEqualTo(200);
			assertThat(call.durationMicros()).isPositive();
			assertThat(call.responseBody().content()).contains("\"available\"");
		});
		DatabaseEvent lines = trace.events(DatabaseEvent.class).stream()
			.filter((event) -> event.sql().startsWith("insert into order_line"))
			.findFirst()
			.orElseThrow();
		assertThat(lines.batchSize()).isEqualTo(2);
		assertThat(lines.rows()).isEqualTo(2);
		JobEvent confirmation = single(trace.events(JobEvent.class));
		assertThat(confirmation.durationMicros()).isPositive();
		assertThat(confirmation.thread()).isNotEqualTo(trace.events(LogEvent.class).get(1).thread());
		CustomEvent placed = trace.events(CustomEvent.class).get(1);
		assertThat(placed.attributes()).containsEntry("total", "58.30");
		assertThat(trace.events(CustomEvent.class).get(0).durationMicros()).isPositive();
	}

	@Test
	void unknownProductIsAnExceptionTheApplicationHandled() {
		ResponseEntity<String> response = get("/api/products/999");
		assertThat(response.getStatusCode().value()).isEqualTo(404);
		ExceptionEvent exception = single(traceOf(response).events(ExceptionEvent.class));
		assertThat(exception.handled()).isTrue();
		assertThat(exception.error().message()).contains("No product 999");
		assertStoredAsReceived(response);
	}

	@Test
	void failedPaymentCaptureShowsItsLogLineAndTheExceptionThatEscaped() {
		ResponseEntity<String> response = get("/api/payments/p-77/capture");
		assertThat(response.getStatusCode().value()).isEqualTo(500);
		CapturedTrace trace = traceOf(response);
		assertThat(trace.descriptions()).containsExactly("log Payment provider", "exception");
		LogEvent warning = single(trace.events(LogEvent.class));
		assertThat(warning.level()).isEqualTo("WARN");
		ExceptionEvent exception = single(trace.events(ExceptionEvent.class));
		assertThat(exception.handled()).isFalse();
		assertThat(exception.error().type()).isEqualTo(IllegalStateException.class.getName());
		assertStoredAsReceived(response);
	}

	@Test
	void unknownPathIsStoredWithTheNotFoundPageTheClientGot() {
		ResponseEntity<String> response = get("/api/no-such-thing");
		assertThat(response.getStatusCode().value()).isEqualTo(404);
		assertStoredAsReceived(response);
	}

	/** The stored response is the error page the client got, not an empty body. */
	private void assertStoredAsReceived(ResponseEntity<String> response) {
		TraceResponse stored = storedTrace(response).response();
		assertThat(response.getBody()).isNotEmpty();
		assertThat(stored.status()).isEqualTo(response.getStatusCode().value());
		assertThat(stored.body().content()).isEqualTo(response.getBody());
		assertThat(stored.size()).isEqualTo(response.getBody().getBytes(StandardCharsets.UTF_8).length);
		assertThat(stored.body().contentType()).isEqualTo(response.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE));
	}

	@Test
	void salesReportMarksItsQueryPerProductAsRepeated() {
		ResponseEntity<String> response = get("/api/reports/sales?delayMillis=0");
		assertThat(response.getBody()).contains("Milk frother");
		List<DatabaseEvent> queries = traceOf(response).events(DatabaseEvent.class);
		assertThat(queries).hasSize(4);
		assertThat(queries.subList(1, 4)).allSatisfy((query) -> {
			assertThat(query.sql()).isEqualTo("select coalesce(sum(quantity), 0) from order_line where product_id = ?");
			assertThat(query.repeated()).isEqualTo(3);
		});
	}

	private static <T> T single(List<T> events) {
		assertThat(events).hasSize(1);
		return events.get(0);
	}

}
