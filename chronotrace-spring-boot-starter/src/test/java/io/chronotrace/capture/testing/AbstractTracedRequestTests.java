package io.chronotrace.capture.testing;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * Sends requests to the application a {@code @SpringBootTest} started on a random port, and
 * reads their traces back the way a subclass says.
 */
public abstract class AbstractTracedRequestTests {

	@LocalServerPort
	private int port;

	private RestClient client;

	@BeforeEach
	void createClient() {
		this.client = RestClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
			})
			.build();
	}

	/**
	 * The trace of the request that got a response.
	 * @param response the response
	 * @return its trace
	 */
	protected abstract CapturedTrace traceOf(ResponseEntity<?> response);

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

}
