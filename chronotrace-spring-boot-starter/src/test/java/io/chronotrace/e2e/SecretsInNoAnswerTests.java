package io.chronotrace.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.zaxxer.hikari.HikariDataSource;
import io.chronotrace.core.storage.StoredBytes;
import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.jdbc.PostgresServer;
import io.chronotrace.core.write.AsyncTraceWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 18's five secrets, sent in one real request (an {@code Authorization} header, a
 * {@code Cookie}, an {@code access_token} query value, a {@code ;jsessionid=} path parameter and
 * a JSON password, also in a body large enough to be an attachment) to an application that
 * records everything: none of them is in any byte the storage keeps, decoded, nor in any answer
 * of the endpoint (the listing, the trace, its exports, its attachment).
 */
class SecretsInNoAnswerTests {

	private static final String AUTHORIZATION = "eyJhbGciOiJIUzI1NiJ9.e2e-authz-S3cr3t.sig18";

	private static final String COOKIE = "e2e-cookie-S3cr3t-18";

	private static final String ACCESS_TOKEN = "e2e-query-t0ken-S3cr3t-18";

	private static final String JSESSIONID = "e2e-path-sess10n-S3cr3t-18";

	private static final String PASSWORD = "e2e-json-passw0rd-S3cr3t-18";

	private static final List<String> SECRETS = List.of(AUTHORIZATION, COOKIE, ACCESS_TOKEN, JSESSIONID, PASSWORD);

	private static final Pattern ATTACHMENT = Pattern.compile("\"attachment\"\\s*:\\s*\"([a-z0-9.-]+)\"");

	@TempDir
	Path directory;

	@Test
	void localFolders() throws Exception {
		Path traces = this.directory.resolve("folders");
		List<String> answers = record("--chronotrace.path=" + traces);

		assertNoSecret(answers, new StoredBytes().files(traces).pieces());
	}

	@Test
	void localSegments() throws Exception {
		Path traces = this.directory.resolve("segments");
		List<String> answers = record("--chronotrace.path=" + traces, "--chronotrace.layout=segments");

		assertNoSecret(answers, new StoredBytes().files(traces).pieces());
	}

	@Test
	void localSegmentsEncrypted() throws Exception {
		Path traces = this.directory.resolve("sealed");
		byte[] key = new byte[32];
		new Random(18).nextBytes(key);
		List<String> answers = record("--chronotrace.path=" + traces, "--chronotrace.layout=segments",
				"--chronotrace.encryption.enabled=true", "--chronotrace.encryption.require-sealed=true",
				"--chronotrace.encryption.keys.k1=" + Base64.getEncoder().encodeToString(key));

		assertNoSecret(answers, new StoredBytes().files(traces).pieces());
	}

	@Test
	void jdbcOnPostgres() throws Exception {
		PostgresServer server = PostgresServer.get();
		String database = server.newDatabase();
		List<String> answers = record("--chronotrace.storage=jdbc", "--chronotrace.jdbc.initialize-schema=always",
				"--spring.datasource.url=" + server.url(database));

		try (HikariDataSource dataSource = server.dataSource(database)) {
			assertNoSecret(answers, new StoredBytes().rows(dataSource, "chronotrace_traces").pieces());
		}
	}

	/**
	 * Sends the secrets to an application with the starter and these settings, then reads
	 * every answer of the endpoint about what it recorded.
	 * @return the answers
	 */
	private List<String> record(String... settings) throws Exception {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off",
				"--chronotrace.mode=always", "--chronotrace.compression.max-payload-size=1KB",
				"--management.endpoints.web.exposure.include=chronotrace"));
		args.addAll(List.of(settings));
		List<String> answers = new ArrayList<>();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ShopTestApplication.class)
			.run(args.toArray(String[]::new))) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			HttpClient client = HttpClient.newHttpClient();
			String login = "{\"username\":\"zoe\",\"password\":\"" + PASSWORD + "\"}";
			String largeLogin = "{\"username\":\"zoe\",\"profile\":{\"bio\":\"" + "x".repeat(3000)
					+ "\"},\"password\":\"" + PASSWORD + "\",\"access_token\":\"" + ACCESS_TOKEN + "\"}";
			List<String> ids = new ArrayList<>();
			for (String body : List.of(login, largeLogin)) {
				HttpResponse<String> response = client.send(HttpRequest
					.newBuilder(URI.create("http://localhost:" + port + "/api/login;jsessionid=" + JSESSIONID
							+ "?access_token=" + ACCESS_TOKEN))
					.header("Content-Type", "application/json")
					.header("Authorization", "Bearer " + AUTHORIZATION)
					.header("Cookie", "JSESSIONID=" + COOKIE)
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build(), HttpResponse.BodyHandlers.ofString());
				assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
				ids.add(response.headers().firstValue("X-ChronoTrace-Id").orElseThrow());
			}
			AsyncTraceWriter writer = context.getBean(AsyncTraceWriter.class);
			TraceStorage storage = context.getBean(TraceStorage.class);
			await().atMost(Duration.ofSeconds(20))
				.until(() -> writer.queueDepth() == 0 && storage.list(TraceQuery.newest())
					.items()
					.size() == 2);
			String base = "http://localhost:" + port + "/actuator/chronotrace";
			HttpResponse<String> list = get(client, base);
			assertThat(list.statusCode()).as("the listing of %s", base).isEqualTo(200);
			answers.add(list.body());
			for (String id : ids) {
				HttpResponse<String> trace = get(client, base + "/" + id);
				assertThat(trace.statusCode()).isEqualTo(200);
				assertThat(trace.body()).contains("/api/login;jsessionid=[SCRUBBED]");
				answers.add(trace.body());
				for (String export : List.of("curl", "test")) {
					HttpResponse<String> text = get(client, base + "/" + id + "/" + export);
					assertThat(text.statusCode()).as(export).isEqualTo(200);
					answers.add(text.body());
				}
				Matcher attachments = ATTACHMENT.matcher(trace.body());
				while (attachments.find()) {
					HttpResponse<String> attachment = get(client,
							base + "/" + id + "/attachments/" + attachments.group(1));
					assertThat(attachment.statusCode()).isEqualTo(200);
					assertThat(attachment.body()).contains("xxxxxxxx");
					answers.add(attachment.body());
				}
			}
			assertThat(answers).as("the listing, two traces, their exports and the large one's attachments")
				.hasSize(1 + 2 * 3 + 2);
		}
		return answers;
	}

	private static HttpResponse<String> get(HttpClient client, String uri) throws Exception {
		return client.send(HttpRequest.newBuilder(URI.create(uri)).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private static void assertNoSecret(List<String> answers, List<byte[]> stored) {
		assertThat(stored).as("stored bytes").isNotEmpty();
		for (String secret : SECRETS) {
			for (String answer : answers) {
				assertThat(answer).as("an answer of the endpoint").doesNotContain(secret);
			}
			for (byte[] bytes : stored) {
				assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).as("stored bytes").doesNotContain(secret);
			}
		}
	}

}
