package io.chronotrace.actuate.endpoint;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which requests the endpoint's filters treat as the endpoint's: its path and its operations',
 * also under a dispatcher servlet's path, and no path that merely begins like it.
 */
class EndpointRequestsTests {

	private static final String ENDPOINT = "/actuator/chronotrace";

	@Test
	void theEndpointAndItsOperations() {
		assertThat(EndpointRequests.isEndpoint("/actuator/chronotrace", ENDPOINT)).isTrue();
		assertThat(EndpointRequests.isEndpoint("/actuator/chronotrace/", ENDPOINT)).isTrue();
		assertThat(EndpointRequests.isEndpoint("/actuator/chronotrace/0195f0e2-1c2d-7b4a-9f00-1a2b3c4d5e6f/replay",
				ENDPOINT))
			.isTrue();
	}

	@Test
	void underADispatcherServletPath() {
		assertThat(EndpointRequests.isEndpoint("/app/actuator/chronotrace/x", ENDPOINT)).isTrue();
		assertThat(EndpointRequests.isEndpoint("/app/actuator/chronotracer/actuator/chronotrace", ENDPOINT)).isTrue();
	}

	@Test
	void notAPathThatOnlyBeginsLikeIt() {
		assertThat(EndpointRequests.isEndpoint("/actuator/chronotracer", ENDPOINT)).isFalse();
		assertThat(EndpointRequests.isEndpoint("/actuator/chronotrace-old/x", ENDPOINT)).isFalse();
		assertThat(EndpointRequests.isEndpoint("/actuator/chrono", ENDPOINT)).isFalse();
		assertThat(EndpointRequests.isEndpoint("/api/products/42", ENDPOINT)).isFalse();
		assertThat(EndpointRequests.isEndpoint("", ENDPOINT)).isFalse();
	}

}
