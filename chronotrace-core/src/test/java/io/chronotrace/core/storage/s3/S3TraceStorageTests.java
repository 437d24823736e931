package io.chronotrace.core.storage.s3;

import java.nio.file.Path;
import java.util.UUID;

import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.TraceStorageContractTests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 backend passes the storage contract against a real S3-compatible server (S3Proxy), and
 * keeps the layout, pagination, purge and upload behaviour S3 needs.
 */
class S3TraceStorageTests extends TraceStorageContractTests {

	private static final String BUCKET = "chronotrace-tests";

	@TempDir
	static Path serverDirectory;

	private static S3ProxyServer server;

	private static S3Client client;

	@BeforeAll
	static void startServer() {
		server = S3ProxyServer.start(serverDirectory);
		server.createBucket(BUCKET);
		client = server.client();
	}

	@AfterAll
	static void stopServer() {
		client.close();
		server.close();
	}

	@Override
	protected TraceStorage createStorage() {
		return new S3TraceStorage(client, S3StorageSettings.of(BUCKET).withPrefix("contract/" + UUID.randomUUID()));
	}

}
