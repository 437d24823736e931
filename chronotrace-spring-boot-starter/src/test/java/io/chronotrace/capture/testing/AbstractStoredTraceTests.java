package io.chronotrace.capture.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceId;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sends requests to the application a {@code @SpringBootTest} started on a random port, and
 * reads back the traces the recording filter stored for them in local storage (a temporary
 * directory), by the id of their {@code X-ChronoTrace-Id} response header.
 */
public abstract class AbstractStoredTraceTests {

	@TempDir
	static Path traces;

	@LocalServerPort
	private int port;

	@Autowired
	private TraceStorage storage;

	private RestClient client;

	@DynamicPropertySource
	static void localStorage(DynamicPropertyRegistry registry) {
		registry.add("chronotrace.storage", () -> "local");
		registry.add("chronotrace.path", () -> traces.toString());
	}

	@BeforeEach
	void createClient() {
		this.client = RestClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
			})
			.build();
	}

	/**
	 * A client of the application; error statuses are answers, not exceptions.
	 * @return the client
	 */
	protected RestClient client() {
		return this.client;
	}

	protected ResponseEntity<String> get(String path) {
		return this.client.get().uri(path).retrieve().toEntity(String.class);
	}

	/**
	 * The stored trace of the request that got a response, once the writer stored it.
	 * @param response the response
	 * @return the trace
	 */
	protected CapturedTrace traceOf(ResponseEntity<?> response) {
		Trace trace = storedTrace(response);
		return new CapturedTrace(trace.events(), trace.droppedEvents(), trace.tracing());
	}

	/**
	 * The whole stored trace of the request that got a response, once the writer stored it.
	 * @param response the response
	 * @return the trace
	 */
	protected Trace storedTrace(ResponseEntity<?> response) {
		String id = response.getHeaders().getFirst("X-ChronoTrace-Id");
		assertThat(id).as("X-ChronoTrace-Id response header").isNotNull();
		return await().atMost(Duration.ofSeconds(10))
			.until(() -> this.storage.retrieve(TraceId.parse(id)), Optional::isPresent)
			.get();
	}

}
