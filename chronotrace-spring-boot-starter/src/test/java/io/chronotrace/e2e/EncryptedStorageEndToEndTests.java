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
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import io.chronotrace.core.compress.Compression;
import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceSummary;
import io.chronotrace.core.write.AsyncTraceWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real application with encryption on: no stored byte on disk, decompressed, holds a body it
 * received, while the application reads its traces back whole, also after the active key was
 * rotated.
 */
class EncryptedStorageEndToEndTests {

	private static final String MARKER = "plaintext-marker-5d41402a";

	@TempDir
	Path directory;

	@Test
	void noStoredByteHoldsABodyAndTracesReadBackAfterRotation() throws Exception {
		String key1 = randomKey(1);
		String key2 = randomKey(2);
		Path traces = this.directory.resolve("traces");
		String small = "Customer note: " + MARKER;
		String large = "Long note: " + MARKER + " " + "y".repeat(4000);

		List<Trace> first = record(traces, List.of(small, large), "--chronotrace.encryption.keys.k1=" + key1);
		assertThat(first).hasSize(2);
		assertNoStoredByteContains(traces, MARKER);

		List<Trace> all = record(traces, List.of(small), "--chronotrace.encryption.keys.k1=" + key1,
				"--chronotrace.encryption.keys.k2=" + key2, "--chronotrace.encryption.active-key=k2");
		assertThat(all).hasSize(3);
		assertThat(all).allSatisfy((trace) -> assertThat(trace.request().path()).isEqualTo("/api/notes"));
		assertThat(all.stream().filter((trace) -> trace.request().body().content() != null))
			.allSatisfy((trace) -> assertThat(trace.request().body().content()).contains(MARKER));
		assertNoStoredByteContains(traces, MARKER);
	}

	/** Starts the app, posts the notes, and reads back every stored trace through the app's storage. */
	private List<Trace> record(Path traces, List<String> notes, String... keys) throws Exception {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off",
				"--chronotrace.mode=always", "--chronotrace.path=" + traces,
				"--chronotrace.compression.max-payload-size=1KB", "--chronotrace.encryption.enabled=true",
				"--management.endpoint.health.show-details=always", EndpointReads.exposure()));
		args.addAll(List.of(keys));
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ShopTestApplication.class)
			.run(args.toArray(String[]::new))) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			HttpClient client = HttpClient.newHttpClient();
			for (String note : notes) {
				HttpResponse<String> response = client.send(
						HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/notes"))
							.header("Content-Type", "text/plain")
							.POST(HttpRequest.BodyPublishers.ofString(note))
							.build(),
						HttpResponse.BodyHandlers.ofString());
				assertThat(response.statusCode()).isEqualTo(200);
			}
			AsyncTraceWriter writer = context.getBean(AsyncTraceWriter.class);
			await().atMost(Duration.ofSeconds(20)).until(() -> writer.queueDepth() == 0);
			TraceStorage storage = context.getBean(TraceStorage.class);
			await().atMost(Duration.ofSeconds(5))
				.until(() -> storage.list(TraceQuery.newest()).items().size() >= notes.size());
			assertThat(storage.check().up()).isTrue();
			List<Trace> read = new ArrayList<>();
			for (TraceSummary summary : storage.list(TraceQuery.newest()).items()) {
				EndpointReads.assertListedAndRead(port, summary.id().toString(), "/api/notes");
				read.add(storage.retrieve(summary.id()).orElseThrow());
				Trace trace = read.get(read.size() - 1);
				if (trace.request().body().attachment() != null) {
					try (InputStream in = storage.openAttachment(trace.id(), trace.request().body().attachment())
						.orElseThrow()) {
						assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains(MARKER);
					}
				}
			}
			return read;
		}
	}

	private static void assertNoStoredByteContains(Path traces, String marker) throws IOException {
		List<Path> files;
		try (Stream<Path> walk = Files.walk(traces)) {
			files = walk.filter(Files::isRegularFile).toList();
		}
		assertThat(files).hasSizeGreaterThanOrEqualTo(4);
		for (Path file : files) {
			String content = new String(decompressed(Files.newInputStream(file)), StandardCharsets.UTF_8);
			assertThat(content).as(file.toString()).doesNotContain(marker).doesNotContain("Customer note");
		}
	}

	private static String randomKey(long seed) {
		byte[] key = new byte[32];
		new Random(seed).nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
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
