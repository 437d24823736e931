package io.chronotrace.sample.shop;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;

import io.chronotrace.capture.testing.AbstractStoredTraceTests;
import io.chronotrace.capture.testing.CapturedTrace;
import io.chronotrace.core.trace.DatabaseEvent;
import io.chronotrace.core.trace.ExceptionEvent;
import io.chronotrace.core.trace.JobEvent;
import io.chronotrace.core.trace.LogEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shop with {@code spring.threads.virtual.enabled=true}: Tomcat serves each request on a
 * virtual thread and {@code @Async} jobs run on virtual threads, and every event still lands in
 * the trace of its own request. Virtual threads need Java 21: on Java 17 the property does
 * nothing, so these run in the Java 25 build ({@code .ci/run}).
 */
@DirtiesContext
@EnabledForJreRange(min = JRE.JAVA_21)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.threads.virtual.enabled=true")
class VirtualThreadsTests extends AbstractStoredTraceTests {

	@Test
	void anOrderOnAVirtualThreadKeepsItsSqlHttpJobAndLogEvents() {
		ResponseEntity<String> response = client().post()
			.uri("/api/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("customerEmail", "ada@example.com", "lines", List.of(Map.of("productId", 1, "quantity", 2))))
			.retrieve()
			.toEntity(String.class);

		assertThat(response.getBody()).contains("CONFIRMED");
		CapturedTrace trace = traceOf(response);
		assertThat(trace.descriptions()).containsSubsequence("database select id, name, price from product where id = ?",
				"http GET /api/warehouse/stock/1", "database insert into orders", "job OrderNotifier.sendConfirmation",
				"log Order placed");
		assertThat(trace.descriptions()).containsSubsequence("job OrderNotifier.sendConfirmation", "log Sending confirmation");
		LogEvent placed = trace.events(LogEvent.class).stream()
			.filter((log) -> log.message().startsWith("Order placed"))
			.findFirst()
			.orElseThrow();
		// Tomcat's virtual thread executor names its threads so
		assertThat(placed.thread()).startsWith("tomcat-handler-");
		assertThat(trace.events(JobEvent.class)).singleElement()
			.satisfies((job) -> assertThat(job.thread()).isNotEqualTo(placed.thread()));
	}

	@Test
	void anExceptionOnAVirtualThreadIsInItsTrace() {
		ResponseEntity<String> response = get("/api/payments/p-77/capture");

		assertThat(response.getStatusCode().value()).isEqualTo(500);
		CapturedTrace trace = traceOf(response);
		assertThat(trace.descriptions()).containsExactly("log Payment provider", "exception");
		assertThat(trace.events(ExceptionEvent.class)).singleElement()
			.satisfies((exception) -> assertThat(exception.handled()).isFalse());
	}

	@Test
	void concurrentRequestsOnVirtualThreadsEachKeepTheirOwnStatements() {
		List<CompletableFuture<ResponseEntity<String>>> reports = IntStream.range(0, 8)
			.mapToObj((i) -> CompletableFuture.supplyAsync(() -> get("/api/reports/sales?delayMillis=30")))
			.toList();

		for (CompletableFuture<ResponseEntity<String>> report : reports) {
			List<DatabaseEvent> queries = traceOf(report.join()).events(DatabaseEvent.class);
			assertThat(queries).hasSize(4);
		}
	}

}
