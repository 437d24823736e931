package io.chronotrace.sample.reactive;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reactive sample with its own configuration (local storage, in a temporary directory): each
 * endpoint's trace read back through the chronotrace endpoint, as a user would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReactiveSampleTests {

	@TempDir
	static Path storage;

	@DynamicPropertySource
	static void localStorage(DynamicPropertyRegistry registry) {
		registry.add("chronotrace.path", () -> storage.toString());
	}

	@LocalServerPort
	int port;

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@Test
	void theEchoIsRecordedWithBothBodies() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/echo"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"greeting\":\"hello\",\"password\":\"s3cret\"}")));

		String trace = trace(response);
		// both bodies are JSON, kept as JSON in the trace (format version 3)
		assertThat(trace).contains("\"encoding\":\"JSON\",\"json\":{\"greeting\":\"hello\",\"password\":\"[SCRUBBED]\"}")
			// the answer is a Map.of, whose order of keys changes from one JVM to the next
			.containsPattern("\"json\":\\{(\"at\":\\d+,)?\"received\":\\{\"greeting\":\"hello\"")
			.contains("Echoing 2 fields")
			.doesNotContain("s3cret");
	}

	@Test
	void aQuoteHoldsItsWebClientCall() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/quotes/espresso")).GET());

		assertThat(response.body()).contains("\"quote\":");
		assertThat(trace(response)).contains("\"type\":\"http\"")
			.contains("\"client\":\"WebClient\"")
			.contains("/api/prices/espresso")
			.contains("quote.made");
	}

	@Test
	void aFailedPaymentHoldsTheExceptionAndTheErrorResponse() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/payments/p-1/capture")).GET());

		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(trace(response)).contains("\"status\":500")
			.contains("Payment provider unavailable")
			.contains("Payment provider timed out for p-1");
	}

	private String trace(HttpResponse<String> response) {
		String id = response.headers().firstValue("X-ChronoTrace-Id").orElseThrow();
		return Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> send(HttpRequest.newBuilder(uri("/actuator/chronotrace/" + id)).GET()),
					(read) -> read.statusCode() == 200)
			.body();
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
	}

}
