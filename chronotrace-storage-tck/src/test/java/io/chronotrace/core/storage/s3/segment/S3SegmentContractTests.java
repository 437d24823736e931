package io.chronotrace.core.storage.s3.segment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import io.chronotrace.core.storage.BatchStoreResult;
import io.chronotrace.core.storage.ForwardingTraceStorage;
import io.chronotrace.core.storage.StoredBytes;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.TraceStorageContractTests;
import io.chronotrace.core.storage.s3.S3ProxyServer;
import io.chronotrace.core.storage.s3.S3StorageSettings;
import io.chronotrace.core.storage.segment.SegmentBytes;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

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

	static List<String> keys(String prefix, String suffix) {
		return client.listObjectsV2Paginator((list) -> list.bucket(BUCKET).prefix(prefix))
			.contents()
			.stream()
			.map(S3Object::key)
			.filter((key) -> key.endsWith(suffix))
			.toList();
	}

	abstract static class Contract extends TraceStorageContractTests {

		@TempDir
		Path spool;

		private S3SegmentTraceStorage opened;

		private String prefix;

		abstract int uploadEvery();

		@Override
		protected TraceStorage createStorage() {
			this.prefix = "contract/" + UUID.randomUUID();
			S3StorageSettings settings = S3StorageSettings.of(BUCKET).withPrefix(this.prefix);
			this.opened = S3SegmentTraceStorage.open(client, settings, this.spool.resolve("spool"), S3BlockSettings.DEFAULT);
			return new Uploading(this.opened, uploadEvery());
		}

		@Override
		protected boolean corruptStoredAttachment(TraceId id, String name) throws IOException {
			if (SegmentBytes.flipAttachmentByte(this.spool.resolve("spool"), id, name)) {
				return true;
			}
			// uploaded: the block and its index in the bucket
			for (String indexKey : keys(this.prefix, ".idx")) {
				// {day}/{base}.{oldest}.{newest}.{specials}.idx indexes {day}/{base}.seg
				int slash = indexKey.lastIndexOf('/');
				String segmentKey = indexKey.substring(0, indexKey.indexOf('.', slash)) + ".seg";
				byte[] segment = client.getObjectAsBytes((get) -> get.bucket(BUCKET).key(segmentKey)).asByteArray();
				byte[] index = client.getObjectAsBytes((get) -> get.bucket(BUCKET).key(indexKey)).asByteArray();
				if (SegmentBytes.flipAttachmentByte(index, segment, id, name)) {
					client.putObject((put) -> put.bucket(BUCKET).key(segmentKey), RequestBody.fromBytes(segment));
					return true;
				}
			}
			return false;
		}

		@Override
		protected StoredBytes storedBytes() {
			return new StoredBytes().files(this.spool).objects(client, BUCKET, this.prefix);
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
