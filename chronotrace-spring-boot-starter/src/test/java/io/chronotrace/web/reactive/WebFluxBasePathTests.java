package io.chronotrace.web.reactive;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Hooks;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import io.chronotrace.web.TraceHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WebFlux application served under {@code spring.webflux.base-path}: the excludes match the
 * path within the application, and the trace browser's page calls the endpoint where the browser
 * reached it.
 */
@DirtiesContext
@SpringBootTest(classes = ReactiveRecordingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "spring.webflux.base-path=/shop",
				"chronotrace.mode=always", "chronotrace.storage=memory",
				"management.endpoints.web.exposure.include=chronotrace,health" })
class WebFluxBasePathTests {

	@LocalServerPort
	int port;

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@AfterAll
	static void leaveReactorAsOtherTestsExpectIt() {
		Hooks.disableAutomaticContextPropagation();
	}

	@Test
	void requestsUnderTheBasePathAreRecordedAndTheActuatorUnderItIsNot() throws Exception {
		assertThat(get("/shop/warehouse/tea", "application/json").headers().firstValue(TraceHeaders.TRACE_ID))
			.isPresent();
		assertThat(get("/shop/actuator/health", "application/json").headers().firstValue(TraceHeaders.TRACE_ID))
			.isEmpty();
	}

	@Test
	void thePageCallsTheEndpointUnderTheBasePath() throws Exception {
		HttpResponse<String> page = get("/shop/actuator/chronotrace", "text/html");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("\"/shop/actuator/chronotrace\"");
	}

	private HttpResponse<String> get(String path, String accept) throws Exception {
		return this.client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Accept", accept)
			.timeout(Duration.ofSeconds(30))
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
