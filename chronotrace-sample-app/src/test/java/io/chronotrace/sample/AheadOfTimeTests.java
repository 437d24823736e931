package io.chronotrace.sample;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app as a user runs it after {@code spring-boot:process-aot}: a process started with
 * {@code -Dspring.aot.enabled=true}, so that its beans come from the generated code instead of
 * the configuration classes, records a request as usual. Runs with {@code mvn verify -Paot},
 * which processes the app first.
 */
@EnabledIfSystemProperty(named = "chronotrace.aot-processed", matches = "true")
class AheadOfTimeTests {

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@Test
	void theProcessedAppRecordsARequestWithItsSql(@TempDir Path storage) throws Exception {
		assertThat(SampleApplication.class.getResource("SampleApplication__ApplicationContextInitializer.class"))
			.as("the classes process-aot generates").isNotNull();
		int port = freePort();
		Path log = storage.resolve("app.log");
		Process app = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Dspring.aot.enabled=true", "-cp", System.getProperty("java.class.path"),
				SampleApplication.class.getName(), "--server.port=" + port,
				"--chronotrace.path=" + storage.resolve("traces"))
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		try {
			HttpResponse<String> products = Awaitility.await()
				.atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(250))
				.ignoreExceptions()
				.until(() -> get(port, "/api/products"), (response) -> response.statusCode() == 200);
			assertThat(Files.readString(log)).contains("Starting AOT-processed SampleApplication");
			String id = products.headers().firstValue("X-ChronoTrace-Id").orElseThrow();
			HttpResponse<String> trace = Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.until(() -> get(port, "/actuator/chronotrace/" + id), (response) -> response.statusCode() == 200);
			assertThat(trace.body()).contains("\"path\":\"/api/products\"")
				.contains("select id, name, price from product order by id")
				.contains("Espresso beans 1kg");
			try (var days = Files.list(storage.resolve("traces"))) {
				List<Path> stored = days.toList();
				assertThat(stored).isNotEmpty();
			}
		}
		finally {
			app.destroy();
			if (!app.waitFor(20, TimeUnit.SECONDS)) {
				app.destroyForcibly();
			}
		}
	}

	private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
		return this.client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.timeout(Duration.ofSeconds(10))
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
