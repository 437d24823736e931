package io.chronotrace.core.storage.s3.segment;

import java.nio.file.Path;
import java.util.UUID;

import io.chronotrace.core.storage.BatchStoreResult;
import io.chronotrace.core.storage.ForwardingTraceStorage;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.TraceStorageContractTests;
import io.chronotrace.core.storage.s3.S3ProxyServer;
import io.chronotrace.core.storage.s3.S3StorageSettings;
import io.chronotrace.core.trace.Trace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3 with the segment layout passes the storage contract against S3Proxy: once with every
 * trace uploaded as soon as it is stored (everything is read from blocks in S3), once with
 * every other trace left in the local spool (listings merge both, look-ups find both).
 */
class S3SegmentContractTests {

	private static final String BUCKET = "chronotrace-segments";

	// started by hand: an extension of the outer class would start a server per nested class too
	static S3ProxyServer server;

	static S3Client client;

	@BeforeAll
	static void startServer(@TempDir Path directory) {
		server = S3ProxyServer.start(directory);
		server.createBucket(BUCKET);
		client = server.client();
	}

	@AfterAll
	static void stopServer() {
		client.close();
		server.close();
	}

	/** A storage whose stores are followed by an upload of every sealed segment, or of every other. */
	static final class Uploading extends ForwardingTraceStorage<S3SegmentTraceStorage> {

		private final int every;

		private int stores;

		Uploading(S3SegmentTraceStorage delegate, int every) {
			super(delegate);
			this.every = every;
		}

		@Override
		public long store(Trace trace) {
			long bytes = this.delegate.store(trace);
			afterStore();
			return bytes;
		}

		@Override
		public BatchStoreResult storeAll(java.util.List<Trace> traces) {
			BatchStoreResult result = this.delegate.storeAll(traces);
			afterStore();
			return result;
		}

		private void afterStore() {
			if (++this.stores % this.every == 0) {
				this.delegate.flush();
			}
		}

	}

	abstract static class Contract extends TraceStorageContractTests {

		@TempDir
		Path spool;

		private S3SegmentTraceStorage opened;

		abstract int uploadEvery();

		@Override
		protected TraceStorage createStorage() {
			S3StorageSettings settings = S3StorageSettings.of(BUCKET).withPrefix("contract/" + UUID.randomUUID());
			this.opened = S3SegmentTraceStorage.open(client, settings, this.spool.resolve("spool"), S3BlockSettings.DEFAULT);
			return new Uploading(this.opened, uploadEvery());
		}

		@Override
		protected boolean purgeCountsTraces() {
			return false;
		}

		@AfterEach
		void closeStorage() {
			this.opened.close();
		}

	}

	@Nested
	class EveryTraceUploaded extends Contract {

		@Override
		int uploadEvery() {
			return 1;
		}

	}

	@Nested
	class EveryOtherTraceUploaded extends Contract {

		@Override
		int uploadEvery() {
			return 2;
		}

	}

}
