package io.chronotrace.core.storage.s3;

import java.io.IOException;
import java.time.Instant;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.chronotrace.core.storage.TraceStorageException;
import io.chronotrace.core.storage.s3.ScriptedS3Server.Answer;
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
 * answers as it is told ({@link ScriptedS3Server}).
 */
class S3ClientRetryTests {

	private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();

	private final RecordingInterceptor recorder = new RecordingInterceptor();

	private ScriptedS3Server server;

	private S3Client client;

	private S3TraceStorage storage;

	@BeforeEach
	void startServer() throws IOException {
		this.server = new ScriptedS3Server((request) -> {
			Answer answer = this.answers.poll();
			return (answer != null) ? answer : Answer.ok();
		});
		this.client = S3ProxyServer.client(this.server.endpoint(), "key", "secret",
				(builder) -> S3ProxyServer.intercept(builder, this.recorder));
		this.storage = new S3TraceStorage(this.client, S3StorageSettings.of("bucket"));
	}

	@AfterEach
	void stopServer() {
		this.client.close();
		this.server.close();
	}

	@Test
	void serverErrorsAndThrottlingAreRetriedUntilTheCallSucceeds() {
		this.answers.add(Answer.error(503, "SlowDown"));
		this.answers.add(Answer.error(500, "InternalError"));

		this.storage.store(trace());

		assertThat(this.recorder.calls("PutObject")).as("trace.json and metadata.json").isEqualTo(2);
		assertThat(this.recorder.attempts("PutObject")).as("trace.json on its third attempt").isEqualTo(4);
	}

	@Test
	void outageLongerThanTheRetriesFailsAsRetryable() {
		for (int i = 0; i < 10; i++) {
			this.answers.add(Answer.error(503, "ServiceUnavailable"));
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
		this.answers.add(Answer.error(status, code));

		assertThatExceptionOfType(TraceStorageException.class).isThrownBy(() -> this.storage.store(trace()))
			.withMessageContaining(status + " " + code)
			.satisfies((ex) -> assertThat(ex.isRetryable()).isFalse());
		assertThat(this.recorder.attempts("PutObject")).isEqualTo(1);
	}

	private static Trace trace() {
		return TestTraces.trace(Instant.parse("2025-03-10T10:00:00Z"));
	}

}
