package io.chronotrace.core.storage.s3;

import io.chronotrace.core.storage.TraceLayout;
import io.chronotrace.core.storage.TraceStorageException;
import io.chronotrace.core.storage.folder.FolderTraceStorage;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Keeps traces in an S3 bucket, or any S3-compatible store, in the folder layout of local
 * storage ({@link TraceLayout}) under a key prefix: the {@link FolderTraceStorage} over an
 * {@link S3ObjectStore}, {@code {prefix}/{yyyy-MM-dd}/{traceId}/trace.json[.gz]},
 * {@code metadata.json} and attachments. Listings walk day prefixes newest first and read
 * summaries in the order of the time-ordered ids, stopping as soon as the page is complete;
 * purge deletes whole day prefixes in batches of 1000 keys.
 * <p>
 * Every failure of S3 is thrown as a {@link TraceStorageException} whose
 * {@link TraceStorageException#isRetryable() retryable} flag tells an outage from a refusal.
 */
public final class S3TraceStorage extends FolderTraceStorage {

	private final S3ObjectStore objects;

	/**
	 * Creates a storage.
	 * @param s3 the client, configured with credentials, region and endpoint; see
	 * {@link S3ClientOptions} for the retries and timeouts it should have
	 * @param settings the bucket, prefix, object settings and compression
	 */
	public S3TraceStorage(S3Client s3, S3StorageSettings settings) {
		this(new S3ObjectStore(s3, settings));
	}

	S3TraceStorage(S3Client s3, S3StorageSettings settings, long partSize) {
		this(new S3ObjectStore(s3, settings, partSize));
	}

	private S3TraceStorage(S3ObjectStore objects) {
		super(objects, objects.settings().compression());
		this.objects = objects;
	}

	@Override
	public String toString() {
		return "S3TraceStorage{" + this.objects.locate("") + " at " + this.objects.endpoint() + "}";
	}

}
