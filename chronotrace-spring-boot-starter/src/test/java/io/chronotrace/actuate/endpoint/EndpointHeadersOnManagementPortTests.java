package io.chronotrace.actuate.endpoint;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With actuator on a port of its own ({@code management.server.port}), served by a child
 * context, the endpoint's page still carries its protective headers, and the application's own
 * answers none of them.
 */
@SpringBootTest(classes = EndpointTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "management.endpoints.web.exposure.include=chronotrace" })
class EndpointHeadersOnManagementPortTests {

	@TempDir
	static Path root;

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@DynamicPropertySource
	static void storagePath(DynamicPropertyRegistry registry) {
		registry.add("chronotrace.path", () -> root.resolve("traces").toString());
	}

	@Test
	void thePageOnTheManagementPortCarriesTheHeaders() {
		assertThat(this.managementPort).isNotEqualTo(this.port);
		HttpResponse<String> page = new EndpointClient(this.managementPort).get("/actuator/chronotrace",
				ChronoTraceEndpointReadTests.BROWSER_ACCEPT);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<title>ChronoTrace</title>");
		assertThat(page.headers().firstValue("Content-Security-Policy"))
			.hasValueSatisfying((policy) -> assertThat(policy).contains("frame-ancestors 'none'"));
		assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		HttpResponse<String> app = new EndpointClient(this.port).get("/api/greeting");
		assertThat(app.statusCode()).isEqualTo(200);
		assertThat(app.headers().firstValue("Content-Security-Policy")).isEmpty();
	}

}
