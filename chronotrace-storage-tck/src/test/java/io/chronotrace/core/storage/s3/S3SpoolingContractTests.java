package io.chronotrace.core.storage.s3;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import io.chronotrace.core.compress.Compression;
import io.chronotrace.core.storage.StoredBytes;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.TraceStorageContractTests;
import io.chronotrace.core.storage.local.LocalFileSystemTraceStorage;
import io.chronotrace.core.storage.spool.SpoolSettings;
import io.chronotrace.core.storage.spool.SpoolingTraceStorage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 storage as {@code storage: s3} runs it, a {@link SpoolingTraceStorage} over an
 * {@link S3TraceStorage} with a spool on local disk and its drainer started, passes the storage
 * contract against S3Proxy: what the application uses, not only the bare backend.
 */
class S3SpoolingContractTests extends TraceStorageContractTests {

	private static final String BUCKET = "chronotrace-spooling";

	@RegisterExtension
	static final S3ProxyExtension s3 = new S3ProxyExtension(BUCKET);

	private static S3Client client;

	@TempDir
	Path spoolDirectory;

	private String prefix;

	private SpoolingTraceStorage spooling;

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
		S3TraceStorage remote = new S3TraceStorage(client, S3StorageSettings.of(BUCKET).withPrefix(this.prefix));
		LocalFileSystemTraceStorage spool = new LocalFileSystemTraceStorage(this.spoolDirectory, Compression.DEFAULT);
		this.spooling = new SpoolingTraceStorage(remote, spool, new SpoolSettings(64L * 1024 * 1024, Duration.ofSeconds(5)))
			.start();
		return this.spooling;
	}

	@AfterEach
	void stopDrainer() {
		this.spooling.close();
	}

	@Override
	protected StoredBytes storedBytes() {
		return new StoredBytes().objects(client, BUCKET, this.prefix).files(this.spoolDirectory);
	}

}
