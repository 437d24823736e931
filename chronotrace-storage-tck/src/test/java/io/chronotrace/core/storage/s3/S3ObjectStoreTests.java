package io.chronotrace.core.storage.s3;

import java.util.UUID;

import io.chronotrace.core.storage.objectstore.ObjectStore;
import io.chronotrace.core.storage.objectstore.ObjectStoreContractTests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 store passes the store contract against a real S3-compatible server (S3Proxy), each test
 * under a prefix of its own.
 */
class S3ObjectStoreTests extends ObjectStoreContractTests {

	private static final String BUCKET = "chronotrace-objects";

	@RegisterExtension
	static final S3ProxyExtension s3 = new S3ProxyExtension(BUCKET);

	private static S3Client client;

	@BeforeAll
	static void createClient() {
		client = s3.server().client();
	}

	@AfterAll
	static void closeClient() {
		client.close();
	}

	@Override
	protected ObjectStore createStore() {
		return new S3ObjectStore(client, S3StorageSettings.of(BUCKET).withPrefix("tests/" + UUID.randomUUID()));
	}

}
