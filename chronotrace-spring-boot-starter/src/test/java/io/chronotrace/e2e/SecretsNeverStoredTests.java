package io.chronotrace.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.chronotrace.core.compress.Compression;
import io.chronotrace.core.storage.s3.S3ProxyServer;
import io.chronotrace.core.write.AsyncTraceWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Secrets sent to an application never reach storage: every stored byte, decompressed, is
 * searched for them, on local disk and in an S3 bucket.
 */
class SecretsNeverStoredTests {

	private static final String PASSWORD = "hunter2-Pa55w0rd!";

	private static final String BEARER_TOKEN = "eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXRva2Vu.sig4711";

	private static final String QUERY_TOKEN = "qt-9f8e7d6c5b4a";

	private static final String COOKIE = "sess-0a1b2c3d4e5f";

	private static final String EMAIL = "zoe.martin@example.org";

	private static final String CARD = "4111 1111 1111 1111";

	private static final String CARD_DIGITS = "4111111111111111";

	private static final List<String> SECRETS = List.of(PASSWORD, BEARER_TOKEN, QUERY_TOKEN, COOKIE, EMAIL, CARD,
			CARD_DIGITS, "4111+1111+1111+1111", "zoe.martin%40example.org");

	@TempDir
	static Path directory;

	static S3ProxyServer server;

	@BeforeAll
	static void startServer() {
		server = S3ProxyServer.start(directory.resolve("s3"), false);
		server.createBucket("secrets");
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void noSecretInAnyStoredByteOnLocalDisk() throws Exception {
		Path traces = directory.resolve("local");
		sendSecretsTo("--chronotrace.path=" + traces);
		List<byte[]> stored = new ArrayList<>();
		try (Stream<Path> files = Files.walk(traces)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				stored.add(decompressed(Files.newInputStream(file)));
			}
		}
		assertNoSecrets(stored);
	}

	@Test
	void noSecretInAnyStoredByteInTheBucket() throws Exception {
		sendSecretsTo("--chronotrace.storage=s3", "--chronotrace.s3.bucket=secrets",
				"--chronotrace.s3.endpoint=" + server.endpoint(), "--chronotrace.s3.region=us-east-1",
				"--chronotrace.s3.spool.path=" + directory.resolve("spool"),
				"--spring.cloud.aws.credentials.access-key=" + S3ProxyServer.ACCESS_KEY,
				"--spring.cloud.aws.credentials.secret-key=" + S3ProxyServer.SECRET_KEY);
		List<byte[]> stored = new ArrayList<>();
		try (S3Client client = server.client()) {
			for (S3Object object : client.listObjectsV2Paginator((list) -> list.bucket("secrets")).contents()) {
				stored.add(decompressed(client.getObject((get) -> get.bucket("secrets").key(object.key()))));
			}
		}
		assertNoSecrets(stored);
	}

	private void sendSecretsTo(String... storage) throws Exception {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off",
				"--chronotrace.mode=always", "--chronotrace.compression.max-payload-size=1KB"));
		args.addAll(List.of(storage));
		int sent;
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ShopTestApplication.class)
			.run(args.toArray(String[]::new))) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			HttpClient client = HttpClient.newHttpClient();
			String login = "{\"username\":\"zoe\",\"password\":\"" + PASSWORD + "\",\"contact\":\"write to " + EMAIL
					+ "\"}";
			// a body over max-payload-size is kept as an attachment file: it must be scrubbed too
			String largeLogin = "{\"username\":\"zoe\",\"profile\":{\"bio\":\"" + "x".repeat(3000)
					+ "\",\"credentials\":{\"password\":\"" + PASSWORD + "\"}}}";
			List<HttpResponse<String>> responses = List.of(
					send(client, port, "/api/login?access_token=" + QUERY_TOKEN, "application/json", login,
							Map.of("Authorization", "Bearer " + BEARER_TOKEN, "Cookie", "JSESSIONID=" + COOKIE)),
					send(client, port, "/api/login", "application/json", largeLogin, Map.of()),
					send(client, port, "/api/notes", "text/plain",
							"Customer called, asked us to reply to " + EMAIL + " about the refund", Map.of()),
					send(client, port, "/api/payments", "application/x-www-form-urlencoded",
							"amount=49.80&cardNumber=" + CARD.replace(' ', '+'), Map.of()));
			assertThat(responses).allSatisfy((response) -> assertThat(response.statusCode()).isEqualTo(200));
			sent = responses.size();
			AsyncTraceWriter writer = context.getBean(AsyncTraceWriter.class);
			await().atMost(Duration.ofSeconds(20)).until(() -> writer.queueDepth() == 0);
		}
		assertThat(sent).isEqualTo(4);
	}

	private static HttpResponse<String> send(HttpClient client, int port, String path, String contentType,
			String body, Map<String, String> headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body));
		headers.forEach(request::header);
		return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static void assertNoSecrets(List<byte[]> stored) {
		assertThat(stored).as("stored files").hasSizeGreaterThanOrEqualTo(9);
		String all = stored.stream()
			.map((bytes) -> new String(bytes, StandardCharsets.UTF_8))
			.reduce("", (a, b) -> a + "\n" + b);
		assertThat(all).contains("[SCRUBBED]").contains("/api/payments").contains("49.80");
		for (String secret : SECRETS) {
			assertThat(all).as("stored bytes").doesNotContain(secret);
		}
	}

	private static byte[] decompressed(InputStream stored) {
		try (InputStream in = Compression.decompress(stored)) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			in.transferTo(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
