package io.chronotrace.core.storage.s3;

import java.time.Instant;

import io.chronotrace.core.storage.TraceStorageException;
import io.chronotrace.core.storage.s3.ScriptedS3Server.Answer;
import io.chronotrace.core.trace.TraceId;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Keys that S3 refuses to delete during a purge are reported, with the first key and its
 * error, once the rest was deleted: against a local server that refuses one key, as S3 does
 * per key in a {@code DeleteObjects} answer.
 */
class S3PurgeErrorTests {

	private static final TraceId PURGED = TraceId.create(Instant.parse("2025-01-01T10:00:00Z"));

	private static final TraceId REFUSED = TraceId.create(Instant.parse("2025-01-01T11:00:00Z"));

	@Test
	void keysThatCannotBeDeletedAreReportedAfterTheOthersAreDeleted() throws Exception {
		RecordingInterceptor recorder = new RecordingInterceptor();
		try (ScriptedS3Server server = new ScriptedS3Server(S3PurgeErrorTests::answer);
				S3Client client = S3ProxyServer.client(server.endpoint(), "key", "secret",
						(builder) -> S3ProxyServer.intercept(builder, recorder))) {
			S3TraceStorage storage = new S3TraceStorage(client, S3StorageSettings.of("bucket"));

			assertThatExceptionOfType(TraceStorageException.class)
				.isThrownBy(() -> storage.purgeOlderThan(Instant.parse("2025-01-05T00:00:00Z")))
				.withMessageContaining("s3://bucket/traces/ purged 1 traces but could not delete 1 objects")
				.withMessageContaining("first: traces/2025-01-01/" + REFUSED + "/metadata.json (AccessDenied: ")
				.satisfies((ex) -> assertThat(ex.isRetryable()).isFalse());
			assertThat(recorder.calls("DeleteObjects")).isEqualTo(1);
		}
	}

	private static Answer answer(ScriptedS3Server.Request request) {
		if (request.method().equals("POST") && request.query().contains("delete")) {
			return Answer.xml("<DeleteResult><Error><Key>traces/2025-01-01/" + REFUSED
					+ "/metadata.json</Key><Code>AccessDenied</Code><Message>Access Denied</Message></Error>"
					+ "</DeleteResult>");
		}
		if (request.query().contains("delimiter=/")) {
			return Answer.xml("<ListBucketResult><Name>bucket</Name><Prefix>traces/</Prefix><KeyCount>1</KeyCount>"
					+ "<MaxKeys>1000</MaxKeys><Delimiter>/</Delimiter><IsTruncated>false</IsTruncated>"
					+ "<CommonPrefixes><Prefix>traces/2025-01-01/</Prefix></CommonPrefixes></ListBucketResult>");
		}
		return Answer.xml("<ListBucketResult><Name>bucket</Name><Prefix>traces/2025-01-01/</Prefix><KeyCount>3</KeyCount>"
				+ "<MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>" + object(PURGED, "metadata.json")
				+ object(PURGED, "trace.json.gz") + object(REFUSED, "metadata.json") + "</ListBucketResult>");
	}

	private static String object(TraceId id, String file) {
		return "<Contents><Key>traces/2025-01-01/" + id + "/" + file + "</Key><Size>100</Size></Contents>";
	}

}
