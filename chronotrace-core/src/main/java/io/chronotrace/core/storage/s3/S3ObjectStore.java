package io.chronotrace.core.storage.s3;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import io.chronotrace.core.storage.StorageCheck;
import io.chronotrace.core.storage.StorageDescription;
import io.chronotrace.core.storage.TraceStorageException;
import io.chronotrace.core.storage.objectstore.ObjectStore;
import io.chronotrace.core.support.BoundedInputStream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * An {@link ObjectStore} on an S3 bucket, or any S3-compatible store, under the key prefix of
 * the settings, with their storage class and server-side encryption. Small objects take one
 * PutObject; files larger than a part go up as a multipart upload that streams each part from
 * the file (a retried part is read again from disk, never held in memory) and is aborted when it
 * fails; streamed content is written to a private temporary file first. Listings page through
 * every key ({@code listObjectsV2Paginator}), deletes go in batches of 1000 keys.
 * <p>
 * Every failure of S3 is thrown as a {@link TraceStorageException} whose
 * {@link TraceStorageException#isRetryable() retryable} flag tells an outage (5xx, throttling,
 * I/O, timeouts) from a refusal (4xx). Retries and timeouts belong to the client; see
 * {@link S3ClientOptions}.
 */
public final class S3ObjectStore implements ObjectStore {

	/** The part size of multipart uploads, and the size above which a file is uploaded in parts. */
	public static final long PART_SIZE = 8L * 1024 * 1024;

	private static final Logger logger = LoggerFactory.getLogger(S3ObjectStore.class);

	private static final int DELETE_BATCH = 1000;

	private final S3Client s3;

	private final S3StorageSettings settings;

	private final String root;

	private final long partSize;

	/**
	 * Creates a store.
	 * @param s3 the client, configured with credentials, region and endpoint; see
	 * {@link S3ClientOptions} for the retries and timeouts it should have
	 * @param settings the bucket, prefix and object settings
	 */
	public S3ObjectStore(S3Client s3, S3StorageSettings settings) {
		this(s3, settings, PART_SIZE);
	}

	S3ObjectStore(S3Client s3, S3StorageSettings settings, long partSize) {
		this.s3 = s3;
		this.settings = settings;
		this.root = settings.prefix().isEmpty() ? "" : settings.prefix() + "/";
		this.partSize = partSize;
	}

	/**
	 * The client.
	 * @return the client this store calls
	 */
	public S3Client client() {
		return this.s3;
	}

	/**
	 * The settings.
	 * @return the bucket, prefix and object settings
	 */
	public S3StorageSettings settings() {
		return this.settings;
	}

	@Override
	public void put(String key, byte[] content) {
		try {
			this.s3.putObject(putRequest(key, null), RequestBody.fromBytes(content));
		}
		catch (SdkException ex) {
			throw S3Failures.failure("write " + locate(key), ex);
		}
	}

	@Override
	public long put(String key, Content content) {
		Path file = null;
		try {
			// owner-only, in the default temporary directory
			file = Files.createTempFile("chronotrace-s3-", ".tmp");
			try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024)) {
				content.writeTo(out);
			}
			return put(key, file);
		}
		catch (IOException ex) {
			throw new TraceStorageException("S3 storage could not prepare " + locate(key) + ": " + ex.getMessage(), ex);
		}
		finally {
			deleteQuietly(file);
		}
	}

	@Override
	public long put(String key, Path file) {
		long size;
		try {
			size = Files.size(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + file, ex);
		}
		try {
			if (size <= this.partSize) {
				this.s3.putObject(putRequest(key, null), RequestBody.fromFile(file));
			}
			else {
				putInParts(key, file, size);
			}
		}
		catch (SdkException ex) {
			throw S3Failures.failure("write " + locate(key), ex);
		}
		return size;
	}

	/** A conditional PutObject ({@code If-None-Match: *}): S3 answers 412 when the key exists. */
	@Override
	public boolean putIfAbsent(String key, byte[] content) {
		try {
			this.s3.putObject(putRequest(key, "*"), RequestBody.fromBytes(content));
			return true;
		}
		catch (S3Exception ex) {
			if (ex.statusCode() == 412 || ex.statusCode() == 409) {
				return false;
			}
			throw S3Failures.failure("create " + locate(key), ex);
		}
		catch (SdkException ex) {
			throw S3Failures.failure("create " + locate(key), ex);
		}
	}

	@Override
	public Optional<InputStream> get(String key) {
		try {
			ResponseInputStream<GetObjectResponse> object = this.s3
				.getObject((get) -> get.bucket(this.settings.bucket()).key(this.root + key));
			return Optional.of(object);
		}
		catch (SdkException ex) {
			if (isMissingObject(ex)) {
				return Optional.empty();
			}
			throw S3Failures.failure("read " + locate(key), ex);
		}
	}

	@Override
	public Optional<InputStream> getRange(String key, long offset, long length) {
		try {
			return Optional.of(this.s3.getObject((get) -> get.bucket(this.settings.bucket())
				.key(this.root + key)
				.range("bytes=" + offset + "-" + (offset + length - 1))));
		}
		catch (SdkException ex) {
			if (isMissingObject(ex)) {
				return Optional.empty();
			}
			throw S3Failures.failure("read " + locate(key), ex);
		}
	}

	@Override
	public boolean exists(String key) {
		try {
			this.s3.headObject((head) -> head.bucket(this.settings.bucket()).key(this.root + key));
			return true;
		}
		catch (SdkException ex) {
			if (isMissingObject(ex)) {
				return false;
			}
			throw S3Failures.failure("look for " + locate(key), ex);
		}
	}

	@Override
	public List<String> children(String prefix) {
		String from = this.root + prefix;
		List<String> names = new ArrayList<>();
		try {
			for (ListObjectsV2Response page : this.s3.listObjectsV2Paginator(listRequest(from, "/"))) {
				for (CommonPrefix folder : page.commonPrefixes()) {
					names.add(folder.prefix().substring(from.length()));
				}
				for (S3Object object : page.contents()) {
					names.add(object.key().substring(from.length()));
				}
			}
		}
		catch (SdkException ex) {
			throw S3Failures.failure("list " + locate(prefix), ex);
		}
		names.removeIf(ObjectStore::isHidden);
		names.sort(null);
		return names;
	}

	@Override
	public List<ObjectInfo> list(String prefix) {
		List<ObjectInfo> objects = new ArrayList<>();
		try {
			for (S3Object object : this.s3.listObjectsV2Paginator(listRequest(this.root + prefix, null)).contents()) {
				String key = object.key().substring(this.root.length());
				if (!ObjectStore.isHidden(key)) {
					objects.add(new ObjectInfo(key, object.size()));
				}
			}
		}
		catch (SdkException ex) {
			throw S3Failures.failure("list " + locate(prefix), ex);
		}
		return objects;
	}

	@Override
	public boolean delete(String key) {
		try {
			boolean existed = exists(key);
			this.s3.deleteObject((delete) -> delete.bucket(this.settings.bucket()).key(this.root + key));
			return existed;
		}
		catch (SdkException ex) {
			throw S3Failures.failure("delete " + locate(key), ex);
		}
	}

	@Override
	public List<String> deleteAll(String prefix, Consumer<String> deleted) {
		List<String> failures = new ArrayList<>();
		List<String> batch = new ArrayList<>(DELETE_BATCH);
		try {
			for (S3Object object : this.s3.listObjectsV2Paginator(listRequest(this.root + prefix, null)).contents()) {
				batch.add(object.key());
				if (batch.size() == DELETE_BATCH) {
					deleteBatch(batch, deleted, failures);
					batch.clear();
				}
			}
			if (!batch.isEmpty()) {
				deleteBatch(batch, deleted, failures);
			}
		}
		catch (SdkException ex) {
			throw S3Failures.failure("delete " + locate(prefix), ex);
		}
		return failures;
	}

	private void deleteBatch(List<String> keys, Consumer<String> deleted, List<String> failures) {
		List<ObjectIdentifier> objects = keys.stream().map((key) -> ObjectIdentifier.builder().key(key).build()).toList();
		DeleteObjectsResponse response = this.s3.deleteObjects(
				(delete) -> delete.bucket(this.settings.bucket()).delete((batch) -> batch.objects(objects).quiet(true)));
		Set<String> failed = new HashSet<>();
		for (S3Error error : response.errors()) {
			failed.add(error.key());
			failures.add(error.key() + " (" + error.code() + ": " + error.message() + ")");
		}
		for (String key : keys) {
			if (!failed.contains(key)) {
				deleted.accept(key.substring(this.root.length()));
			}
		}
		if (!failed.isEmpty()) {
			logger.warn("S3 storage could not delete {} of {} objects in bucket '{}'; first: {}", failed.size(),
					keys.size(), this.settings.bucket(), failures.get(failures.size() - failed.size()));
		}
	}

	/** One HeadBucket request: the bucket exists and these credentials may use it. */
	@Override
	public StorageCheck check() {
		String endpoint = endpoint();
		StorageCheck check;
		try {
			this.s3.headBucket((head) -> head.bucket(this.settings.bucket()));
			check = StorageCheck.ok();
		}
		catch (SdkException ex) {
			check = StorageCheck.down(S3Failures.reason(ex, this.settings.bucket(), endpoint));
		}
		catch (RuntimeException ex) {
			check = StorageCheck.down("S3 check failed: " + ex);
		}
		Region region = this.s3.serviceClientConfiguration().region();
		return check.withDetail("bucket", this.settings.bucket())
			.withDetail("prefix", this.settings.prefix())
			.withDetail("endpoint", endpoint)
			.withDetail("region", (region != null) ? region.id() : "unknown");
	}

	@Override
	public StorageDescription description() {
		return new StorageDescription("s3", locate(""));
	}

	@Override
	public String locate(String key) {
		return "s3://" + this.settings.bucket() + "/" + this.root + key;
	}

	/**
	 * The endpoint the client calls.
	 * @return the endpoint override, or the AWS endpoint of the client's region
	 */
	public String endpoint() {
		Optional<URI> override = this.s3.serviceClientConfiguration().endpointOverride();
		if (override.isPresent()) {
			return override.get().toString();
		}
		Region region = this.s3.serviceClientConfiguration().region();
		return "https://s3." + ((region != null) ? region.id() : "us-east-1") + ".amazonaws.com";
	}

	@Override
	public String toString() {
		return "S3ObjectStore{" + locate("") + " at " + endpoint() + "}";
	}

	private void putInParts(String key, Path file, long size) {
		CreateMultipartUploadRequest.Builder create = CreateMultipartUploadRequest.builder()
			.bucket(this.settings.bucket())
			.key(this.root + key)
			.contentType(contentType(key))
			.checksumAlgorithm(ChecksumAlgorithm.CRC32);
		objectProperties(create::storageClass, create::serverSideEncryption, create::ssekmsKeyId);
		String uploadId = this.s3.createMultipartUpload(create.build()).uploadId();
		try {
			List<CompletedPart> parts = new ArrayList<>();
			int number = 1;
			for (long offset = 0; offset < size; offset += this.partSize, number++) {
				long length = Math.min(this.partSize, size - offset);
				int partNumber = number;
				long partOffset = offset;
				UploadPartResponse uploaded = this.s3.uploadPart((part) -> part.bucket(this.settings.bucket())
					.key(this.root + key)
					.uploadId(uploadId)
					.partNumber(partNumber)
					.contentLength(length)
					.checksumAlgorithm(ChecksumAlgorithm.CRC32),
						RequestBody.fromContentProvider(slice(file, partOffset, length), length, contentType(key)));
				parts.add(CompletedPart.builder()
					.partNumber(partNumber)
					.eTag(uploaded.eTag())
					.checksumCRC32(uploaded.checksumCRC32())
					.build());
			}
			this.s3.completeMultipartUpload((complete) -> complete.bucket(this.settings.bucket())
				.key(this.root + key)
				.uploadId(uploadId)
				.multipartUpload((upload) -> upload.parts(parts)));
		}
		catch (RuntimeException ex) {
			abort(key, uploadId, ex);
			throw ex;
		}
	}

	private void abort(String key, String uploadId, RuntimeException failure) {
		try {
			this.s3.abortMultipartUpload(
					(abort) -> abort.bucket(this.settings.bucket()).key(this.root + key).uploadId(uploadId));
		}
		catch (RuntimeException ex) {
			failure.addSuppressed(ex);
			logger.warn("Could not abort multipart upload {} of {}; a bucket lifecycle rule that aborts incomplete "
					+ "multipart uploads removes its parts: {}", uploadId, locate(key), S3Failures.describe(ex));
		}
	}

	private PutObjectRequest putRequest(String key, @Nullable String ifNoneMatch) {
		PutObjectRequest.Builder put = PutObjectRequest.builder()
			.bucket(this.settings.bucket())
			.key(this.root + key)
			.contentType(contentType(key));
		if (ifNoneMatch != null) {
			put.ifNoneMatch(ifNoneMatch);
		}
		objectProperties(put::storageClass, put::serverSideEncryption, put::ssekmsKeyId);
		return put.build();
	}

	/** Sets the storage class and encryption of the settings on a request being built. */
	private void objectProperties(Consumer<String> storageClass, Consumer<ServerSideEncryption> encryption,
			Consumer<String> kmsKeyId) {
		if (this.settings.storageClass() != null) {
			storageClass.accept(this.settings.storageClass());
		}
		if (this.settings.encryption() == S3StorageSettings.Encryption.AES256) {
			encryption.accept(ServerSideEncryption.AES256);
		}
		else if (this.settings.encryption() == S3StorageSettings.Encryption.AWS_KMS) {
			encryption.accept(ServerSideEncryption.AWS_KMS);
			if (this.settings.kmsKeyId() != null) {
				kmsKeyId.accept(this.settings.kmsKeyId());
			}
		}
	}

	private ListObjectsV2Request listRequest(String prefix, @Nullable String delimiter) {
		return ListObjectsV2Request.builder().bucket(this.settings.bucket()).prefix(prefix).delimiter(delimiter).build();
	}

	private static boolean isMissingObject(SdkException ex) {
		return S3Failures.isNotFound(ex) && !(ex instanceof NoSuchBucketException);
	}

	private static String contentType(String key) {
		if (key.endsWith(".json")) {
			return "application/json";
		}
		return key.endsWith(".gz") ? "application/gzip" : "application/octet-stream";
	}

	/** A part of a file, opened anew for each attempt. */
	private static ContentStreamProvider slice(Path file, long offset, long length) {
		return ContentStreamProvider.fromInputStreamSupplier(() -> {
			try {
				InputStream in = Files.newInputStream(file);
				in.skipNBytes(offset);
				return new BoundedInputStream(in, length);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not read " + file, ex);
			}
		});
	}

	private static void deleteQuietly(@Nullable Path file) {
		if (file != null) {
			try {
				Files.deleteIfExists(file);
			}
			catch (IOException ex) {
				logger.warn("Could not delete temporary file {}: {}", file, ex.toString());
			}
		}
	}

}
