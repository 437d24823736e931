package io.chronotrace.actuate.endpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceBody;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.trace.TraceRequest;
import io.chronotrace.core.trace.TraceResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The curl export runs: a request recorded with scrubbed values, exported with a base URL and
 * run by bash with the variables the command asks for, reaches the application with those
 * values and never with the scrubbing marker.
 */
@SpringBootTest(classes = EndpointTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "management.endpoints.web.exposure.include=chronotrace")
class CurlCommandRunTests {

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
	void commandSendsTheVariablesInPlaceOfScrubbedValues() throws Exception {
		Trace trace = scrubbedRequest();
		this.storage.store(trace);
		String command = new EndpointClient(this.port)
			.get("/actuator/chronotrace/" + trace.id() + "/curl?base=http://localhost:" + this.port)
			.body();
		assertThat(command).doesNotContain("[SCRUBBED]")
			.contains("#   AUTHORIZATION='...'   # header Authorization")
			.contains("#   PASSWORD='...'   # request body field password")
			.contains("#   TOKEN='...'   # query parameter token")
			.contains("-H 'Authorization: Bearer '\"${AUTHORIZATION}\"");
		Map<String, Object> echo = ChronoTraceEndpointReadTests.json(run(command,
				Map.of("AUTHORIZATION", "real-token", "PASSWORD", "s3cret", "TOKEN", "t-1")));
		assertThat(echo).containsEntry("authorization", "Bearer real-token")
			.containsEntry("parameters", Map.of("token", "t-1", "page", "2"))
			.containsEntry("body", "{\"user\":\"ada\",\"password\":\"s3cret\",\"note\":\"it's $HOME `id` \\\"quoted\\\"\"}");
	}

	private static Trace scrubbedRequest() {
		Instant start = Instant.now();
		Map<String, List<String>> headers = new LinkedHashMap<>();
		headers.put("Host", List.of("shop.example.com"));
		headers.put("Content-Type", List.of("application/json"));
		headers.put("Authorization", List.of("Bearer [SCRUBBED]"));
		headers.put("Content-Length", List.of("77"));
		String body = "{\"user\":\"ada\",\"password\":\"[SCRUBBED]\",\"note\":\"it's $HOME `id` \\\"quoted\\\"\"}";
		TraceRequest request = new TraceRequest("POST", "https://shop.example.com/api/echo?token=[SCRUBBED]&page=2",
				"/api/echo", "token=[SCRUBBED]&page=2", headers,
				TraceBody.text("application/json", body, "UTF-8", body.length(), body.length()), "10.0.0.7");
		return new Trace(Trace.SCHEMA_VERSION, TraceId.create(start), start, 1_000, "shop", request,
				new TraceResponse(200, Map.of(), null, 0), null, List.of(), 0, null, List.of());
	}

	private static String run(String command, Map<String, String> variables) throws IOException, InterruptedException {
		ProcessBuilder bash = new ProcessBuilder("bash", "-c", command.strip() + " --silent --show-error");
		bash.environment().putAll(variables);
		bash.redirectErrorStream(true);
		Process process = bash.start();
		try {
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
			assertThat(process.exitValue()).as(output).isZero();
			return output;
		}
		finally {
			process.destroyForcibly();
		}
	}

}
