package io.chronotrace.core.storage.s3;

import java.net.URI;

import io.chronotrace.core.storage.StorageCheck;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The S3 health check writes, reads and deletes a probe, and when S3 cannot be used says why
 * in one line: no such bucket, access denied or endpoint unreachable.
 */
class S3TraceStorageCheckTests {

	private static final String BUCKET = "chronotrace-check";

	@RegisterExtension
	static final S3ProxyExtension s3 = new S3ProxyExtension(BUCKET);

	private static S3ProxyServer server;

	@BeforeAll
	static void server() {
		server = s3.server();
	}

	@Test
	void reachableBucketIsUpWithDetailsAfterOneHeadBucket() {
		RecordingInterceptor recorder = new RecordingInterceptor();
		try (S3Client client = server.client(recorder)) {
			StorageCheck check = new S3TraceStorage(client, S3StorageSettings.of(BUCKET)).check();

			assertThat(check.up()).isTrue();
			assertThat(check.details()).containsEntry("bucket", BUCKET)
				.containsEntry("prefix", "traces")
				.containsEntry("endpoint", server.endpoint().toString())
				.containsEntry("region", "us-east-1");
			assertThat(recorder.calls("HeadBucket")).isOne();
			assertThat(recorder.totalAttempts()).isOne();
		}
	}

	@Test
	void probePutsGetsAndDeletesAnObjectLeavingNothingBehind() {
		RecordingInterceptor recorder = new RecordingInterceptor();
		try (S3Client client = server.client(recorder)) {
			StorageCheck probe = new S3TraceStorage(client, S3StorageSettings.of(BUCKET)).probe();

			assertThat(probe.up()).isTrue();
			assertThat(recorder.calls("PutObject")).isOne();
			assertThat(recorder.calls("GetObject")).isOne();
			assertThat(recorder.calls("DeleteObject")).isOne();
			assertThat(client.listObjectsV2((list) -> list.bucket(BUCKET)).keyCount()).isZero();
		}
	}

	@Test
	void missingBucketIsDownNamingTheBucket() {
		try (S3Client client = server.client()) {
			StorageCheck check = new S3TraceStorage(client, S3StorageSettings.of("no-such-bucket")).check();

			assertDown(check, "No such bucket 'no-such-bucket' at " + server.endpoint());
			assertThat(check.details()).containsEntry("bucket", "no-such-bucket");
		}
	}

	@Test
	void wrongCredentialsAreDownAsAccessDenied() {
		try (S3Client client = S3ProxyServer.client(server.endpoint(), S3ProxyServer.ACCESS_KEY, "wrong-secret",
				(builder) -> {
				})) {
			StorageCheck check = new S3TraceStorage(client, S3StorageSettings.of(BUCKET)).check();

			assertDown(check, "Access denied to bucket '" + BUCKET + "' (");
			assertThat(check.reason()).contains("check the credentials");
		}
	}

	@Test
	void unreachableEndpointIsDownAsConnectionRefused() {
		URI nowhere = URI.create("http://127.0.0.1:" + S3ProxyServer.freePort());
		try (S3Client client = S3ProxyServer.client(nowhere, S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY,
				(builder) -> {
				})) {
			StorageCheck check = new S3TraceStorage(client, S3StorageSettings.of(BUCKET)).check();

			assertDown(check, "Endpoint unreachable: " + nowhere + " (connection refused)");
			assertThat(check.details()).containsEntry("endpoint", nowhere.toString());
		}
	}

	private static void assertDown(StorageCheck check, String reasonStart) {
		assertThat(check.up()).isFalse();
		assertThat(check.reason()).startsWith(reasonStart).doesNotContain("\n").doesNotContain("Exception");
	}

}
