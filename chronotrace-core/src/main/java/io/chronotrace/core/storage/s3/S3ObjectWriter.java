package io.chronotrace.core.storage.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.chronotrace.core.support.BoundedInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Writes objects with the storage class and encryption of the settings: small ones with one
 * PutObject, files larger than a part with a multipart upload that streams each part from the
 * file (so that a retried part is read again from disk, never held in memory) and is aborted
 * when it fails.
 */
public final class S3ObjectWriter {

	/** The part size of multipart uploads, and the size above which a file is uploaded in parts. */
	public static final long PART_SIZE = 8L * 1024 * 1024;

	private static final Logger logger = LoggerFactory.getLogger(S3ObjectWriter.class);

	private final S3Client s3;

	private final S3StorageSettings settings;

	private final long partSize;

	/**
	 * Creates a writer.
	 * @param s3 the client
	 * @param settings the bucket and object settings
	 * @param partSize the part size, and the size above which a file is uploaded in parts
	 */
	public S3ObjectWriter(S3Client s3, S3StorageSettings settings, long partSize) {
		this.s3 = s3;
		this.settings = settings;
		this.partSize = partSize;
	}

	/**
	 * Writes bytes as one object.
	 * @param key the key
	 * @param content the content
	 * @param contentType the content type
	 */
	public void put(String key, byte[] content, String contentType) {
		this.s3.putObject(putRequest(key, contentType), RequestBody.fromBytes(content));
	}

	/**
	 * Writes a file as one object, in parts when it is larger than a part.
	 * @param key the key
	 * @param file the file
	 * @param contentType the content type
	 * @return the size written
	 */
	public long put(String key, Path file, String contentType) {
		long size = size(file);
		if (size <= this.partSize) {
			this.s3.putObject(putRequest(key, contentType), RequestBody.fromFile(file));
		}
		else {
			putInParts(key, file, size, contentType);
		}
		return size;
	}

	private void putInParts(String key, Path file, long size, String contentType) {
		CreateMultipartUploadRequest.Builder create = CreateMultipartUploadRequest.builder()
			.bucket(this.settings.bucket())
			.key(key)
			.contentType(contentType)
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
					.key(key)
					.uploadId(uploadId)
					.partNumber(partNumber)
					.contentLength(length)
					.checksumAlgorithm(ChecksumAlgorithm.CRC32),
						RequestBody.fromContentProvider(slice(file, partOffset, length), length, contentType));
				parts.add(CompletedPart.builder()
					.partNumber(partNumber)
					.eTag(uploaded.eTag())
					.checksumCRC32(uploaded.checksumCRC32())
					.build());
			}
			this.s3.completeMultipartUpload((complete) -> complete.bucket(this.settings.bucket())
				.key(key)
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
			this.s3.abortMultipartUpload((abort) -> abort.bucket(this.settings.bucket()).key(key).uploadId(uploadId));
		}
		catch (RuntimeException ex) {
			failure.addSuppressed(ex);
			logger.warn("Could not abort multipart upload {} of s3://{}/{}; a bucket lifecycle rule that aborts "
					+ "incomplete multipart uploads removes its parts: {}", uploadId, this.settings.bucket(), key,
					S3Failures.describe(ex));
		}
	}

	private PutObjectRequest putRequest(String key, String contentType) {
		PutObjectRequest.Builder put = PutObjectRequest.builder()
			.bucket(this.settings.bucket())
			.key(key)
			.contentType(contentType);
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

	private static long size(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
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

}
