package io.chronotrace.actuate.endpoint;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.trace.TestTraces;
import io.chronotrace.core.trace.Trace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The write operations, with {@code management.endpoint.chronotrace.access=unrestricted}.
 */
@SpringBootTest(classes = EndpointTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=chronotrace",
				"management.endpoint.chronotrace.access=unrestricted" })
class ChronoTraceEndpointWriteTests {

	@TempDir
	static Path root;

	@LocalServerPort
	int port;

	@Autowired
	TraceStorage storage;

	@DynamicPropertySource
	static void storagePath(DynamicPropertyRegistry registry) {
		registry.add("chronotrace.path", () -> root.resolve("traces").toString());
	}

	@Test
	void deletesOneTrace() {
		Trace trace = TestTraces.trace(Instant.now());
		this.storage.store(trace);
		EndpointClient client = new EndpointClient(this.port);
		assertThat(client.delete("/actuator/chronotrace/" + trace.id()).statusCode()).isEqualTo(204);
		assertThat(this.storage.retrieve(trace.id())).isEmpty();
		assertThat(client.get("/actuator/chronotrace/" + trace.id()).statusCode()).isEqualTo(404);
		assertThat(client.delete("/actuator/chronotrace/" + trace.id()).statusCode()).isEqualTo(404);
		assertThat(client.delete("/actuator/chronotrace/..%2F..%2Fetc%2Fpasswd").statusCode()).isEqualTo(400);
		assertThat(client.delete("/actuator/chronotrace/etc-passwd").statusCode()).isEqualTo(400);
	}

	@Test
	void purgesTracesOlderThanADuration() {
		Instant now = Instant.now();
		Trace recent = TestTraces.trace(now);
		this.storage.store(recent);
		for (int days = 5; days <= 7; days++) {
			this.storage.store(TestTraces.trace(now.minus(Duration.ofDays(days))));
		}
		EndpointClient client = new EndpointClient(this.port);
		HttpResponse<String> response = client.postJson("/actuator/chronotrace", "{\"olderThan\":\"P3D\"}");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(ChronoTraceEndpointReadTests.json(response.body())).containsEntry("deleted", 3).containsEntry("days", 3);
		assertThat(this.storage.list(TraceQuery.newest()).items()).extracting((summary) -> summary.id())
			.containsExactly(recent.id());
	}

	@Test
	void purgeNeedsAnIsoDuration() {
		EndpointClient client = new EndpointClient(this.port);
		HttpResponse<String> response = client.postJson("/actuator/chronotrace", "{\"olderThan\":\"3 days\"}");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("use an ISO-8601 duration such as P3D");
		assertThat(client.postJson("/actuator/chronotrace", "{}").statusCode()).isEqualTo(400);
	}

	@Test
	void pageShowsUnrestrictedAccess() {
		HttpResponse<String> response = new EndpointClient(this.port).get("/actuator/chronotrace",
				ChronoTraceEndpointReadTests.BROWSER_ACCEPT);
		assertThat(response.body()).contains("\"UNRESTRICTED\"").doesNotContain("READ_ONLY");
	}

}
