package io.chronotrace.core.storage.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.chronotrace.core.storage.TraceStorageException;
import io.chronotrace.core.trace.TestTraces;
import io.chronotrace.core.trace.Trace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The client ChronoTrace builds ({@link S3ClientOptions}) retries what an outage answers (5xx,
 * throttling) and nothing a refusal answers (4xx), against a small local HTTP server that
 * answers as it is told.
 */
class S3ClientRetryTests {

	private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();

	private final RecordingInterceptor recorder = new RecordingInterceptor();

	private HttpServer server;

	private S3Client client;

	private S3TraceStorage storage;

	@BeforeEach
	void startServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", this::answer);
		this.server.start();
		URI endpoint = URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
		this.client = S3ProxyServer.client(endpoint, "key", "secret",
				(builder) -> S3ProxyServer.intercept(builder, this.recorder));
		this.storage = new S3TraceStorage(this.client, S3StorageSettings.of("bucket"));
	}

	@AfterEach
	void stopServer() {
		this.client.close();
		this.server.stop(0);
	}

	@Test
	void serverErrorsAndThrottlingAreRetriedUntilTheCallSucceeds() {
		this.answers.add(new Answer(503, "SlowDown"));
		this.answers.add(new Answer(500, "InternalError"));

		this.storage.store(trace());

		assertThat(this.recorder.calls("PutObject")).as("trace.json and metadata.json").isEqualTo(2);
		assertThat(this.recorder.attempts("PutObject")).as("trace.json on its third attempt").isEqualTo(4);
	}

	@Test
	void outageLongerThanTheRetriesFailsAsRetryable() {
		for (int i = 0; i < 10; i++) {
			this.answers.add(new Answer(503, "ServiceUnavailable"));
		}

		assertThatExceptionOfType(TraceStorageException.class).isThrownBy(() -> this.storage.store(trace()))
			.withMessageContaining("503 ServiceUnavailable")
			.satisfies((ex) -> assertThat(ex.isRetryable()).isTrue());
		assertThat(this.recorder.attempts("PutObject")).isEqualTo(S3ClientOptions.MAX_ATTEMPTS);
	}

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource({ "403, AccessDenied", "404, NoSuchBucket", "400, InvalidArgument",
			"501, NotImplemented" /* what stores without server-side encryption answer to SSE */ })
	void refusalIsNotRetriedAndNotRetryable(int status, String code) {
		this.answers.add(new Answer(status, code));

		assertThatExceptionOfType(TraceStorageException.class).isThrownBy(() -> this.storage.store(trace()))
			.withMessageContaining(status + " " + code)
			.satisfies((ex) -> assertThat(ex.isRetryable()).isFalse());
		assertThat(this.recorder.attempts("PutObject")).isEqualTo(1);
	}

	private static Trace trace() {
		return TestTraces.trace(Instant.parse("2025-03-10T10:00:00Z"));
	}

	private void answer(HttpExchange exchange) throws IOException {
		try (InputStream body = exchange.getRequestBody()) {
			body.transferTo(OutputStream.nullOutputStream());
		}
		Answer answer = this.answers.poll();
		if (answer == null) {
			exchange.getResponseHeaders().add("ETag", "\"d41d8cd98f00b204e9800998ecf8427e\"");
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
			return;
		}
		byte[] error = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + answer.code()
				+ "</Code><Message>as the test asked</Message></Error>")
			.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/xml");
		exchange.sendResponseHeaders(answer.status(), error.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(error);
		}
	}

	private record Answer(int status, String code) {
	}

}
