package io.chronotrace.core.encrypt;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.chronotrace.core.compress.Compression;
import io.chronotrace.core.storage.StoredBytes;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.TraceStorageContractTests;
import io.chronotrace.core.storage.s3.S3ProxyExtension;
import io.chronotrace.core.storage.s3.S3StorageSettings;
import io.chronotrace.core.storage.s3.S3TraceStorage;
import io.chronotrace.core.trace.TestTraces;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceSummary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The storage contract holds for S3 storage (a real S3Proxy) under encryption, and no object in
 * the bucket holds a body in clear.
 */
class EncryptedS3StorageContractTests extends TraceStorageContractTests {

	private static final String BUCKET = "chronotrace-encrypted";

	@RegisterExtension
	static final S3ProxyExtension s3 = new S3ProxyExtension(BUCKET);

	private static S3Client client;

	private String prefix;

	@BeforeAll
	static void createClient() {
		client = s3.server().client();
	}

	@AfterAll
	static void closeClient() {
		client.close();
	}

	@Override
	protected TraceStorage createStorage() {
		this.prefix = "tests/" + UUID.randomUUID();
		return new EncryptingTraceStorage(new S3TraceStorage(client, S3StorageSettings.of(BUCKET).withPrefix(this.prefix)),
				TestKeys.keys("k1", "k1"), false);
	}

	@Override
	protected StoredBytes storedBytes() {
		return new StoredBytes().objects(client, BUCKET, this.prefix);
	}

	@Override
	protected TraceSummary listed(Trace trace) {
		return EncryptedSummaries.listed(trace);
	}

	@Test
	void noObjectOfTheBucketHoldsTheBodyInClear() {
		// uncompressed, so that a body in clear would show in the objects as it is
		TraceStorage uncompressed = new EncryptingTraceStorage(new S3TraceStorage(client,
				S3StorageSettings.of(BUCKET).withPrefix(this.prefix).withCompression(Compression.NONE)),
				TestKeys.keys("k1", "k1"), false);
		Trace trace = TestTraces.full(DAY.plusSeconds(60), this.attachmentDir);
		uncompressed.store(trace);
		assertThat(uncompressed.retrieve(trace.id())).contains(trace.withoutAttachments());

		var objects = client.listObjectsV2Paginator((request) -> request.bucket(BUCKET).prefix(this.prefix))
			.contents()
			.stream()
			.map(S3Object::key)
			.toList();
		assertThat(objects).isNotEmpty();
		for (String key : objects) {
			ResponseBytes<GetObjectResponse> bytes = client.getObjectAsBytes((request) -> request.bucket(BUCKET).key(key));
			String content = new String(bytes.asByteArray(), StandardCharsets.ISO_8859_1);
			assertThat(content).as(key).doesNotContain("A-1").doesNotContain("alice").doesNotContain("payments.example");
		}
	}

}
