package io.chronotrace.actuate.endpoint;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With actuator and the starter but no exposure settings, nothing of the endpoint is reachable.
 */
@SpringBootTest(classes = EndpointTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ChronoTraceEndpointNotExposedTests {

	@TempDir
	static Path root;

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@DynamicPropertySource
	static void storagePath(DynamicPropertyRegistry registry) {
		registry.add("chronotrace.path", () -> root.resolve("traces").toString());
	}

	@Test
	void notExposedByDefault() {
		EndpointClient client = new EndpointClient(this.port);
		assertThat(client.get("/actuator/health").statusCode()).isEqualTo(200);
		assertThat(client.get("/actuator/chronotrace").statusCode()).isEqualTo(404);
		assertThat(client.get("/actuator/chronotrace", ChronoTraceEndpointReadTests.BROWSER_ACCEPT).statusCode())
			.isEqualTo(404);
		assertThat(client.get("/actuator").body()).doesNotContain("chronotrace");
		assertThat(this.context.getBeanNamesForType(ChronoTraceEndpoint.class)).isEmpty();
	}

}
