package io.chronotrace.core.storage.s3;

import java.util.Objects;

import io.chronotrace.core.compress.Compression;
import org.jspecify.annotations.Nullable;

/**
 * Where and how {@link S3TraceStorage} writes: the bucket, the key prefix the layout starts
 * from, and the properties of every object it writes.
 *
 * @param bucket the bucket
 * @param prefix the key prefix, without leading or trailing slash; empty for the bucket root
 * @param storageClass the storage class of trace objects, such as {@code STANDARD_IA}, or
 * {@code null} for the bucket's default
 * @param encryption the server-side encryption of trace objects
 * @param kmsKeyId the KMS key id or ARN for {@link Encryption#AWS_KMS}, or {@code null} for the
 * AWS managed key
 * @param compression whether traces and attachments are gzip-compressed
 */
public record S3StorageSettings(String bucket, String prefix, @Nullable String storageClass, Encryption encryption,
		@Nullable String kmsKeyId, Compression compression) {

	/** The prefix when none is configured. */
	public static final String DEFAULT_PREFIX = "traces";

	public S3StorageSettings {
		Objects.requireNonNull(bucket, "bucket");
		if (bucket.isBlank()) {
			throw new IllegalArgumentException("S3 bucket must not be blank");
		}
		prefix = trimSlashes(Objects.requireNonNull(prefix, "prefix"));
		storageClass = (storageClass != null && !storageClass.isBlank()) ? storageClass.trim() : null;
		kmsKeyId = (kmsKeyId != null && !kmsKeyId.isBlank()) ? kmsKeyId.trim() : null;
		Objects.requireNonNull(encryption, "encryption");
		Objects.requireNonNull(compression, "compression");
		if (kmsKeyId != null && encryption != Encryption.AWS_KMS) {
			throw new IllegalArgumentException("A KMS key id is set but encryption is " + encryption
					+ "; set encryption to AWS_KMS or remove the key id");
		}
	}

	/**
	 * Settings with the default prefix, no storage class, no encryption and default compression.
	 * @param bucket the bucket
	 * @return the settings
	 */
	public static S3StorageSettings of(String bucket) {
		return new S3StorageSettings(bucket, DEFAULT_PREFIX, null, Encryption.NONE, null, Compression.DEFAULT);
	}

	/**
	 * A copy with another prefix.
	 * @param prefix the prefix
	 * @return the copy
	 */
	public S3StorageSettings withPrefix(String prefix) {
		return new S3StorageSettings(this.bucket, prefix, this.storageClass, this.encryption, this.kmsKeyId,
				this.compression);
	}

	/**
	 * A copy with other compression settings.
	 * @param compression the compression
	 * @return the copy
	 */
	public S3StorageSettings withCompression(Compression compression) {
		return new S3StorageSettings(this.bucket, this.prefix, this.storageClass, this.encryption, this.kmsKeyId,
				compression);
	}

	/**
	 * A copy with another storage class and encryption.
	 * @param storageClass the storage class, or {@code null}
	 * @param encryption the encryption
	 * @param kmsKeyId the KMS key, or {@code null}
	 * @return the copy
	 */
	public S3StorageSettings withObjectProperties(@Nullable String storageClass, Encryption encryption,
			@Nullable String kmsKeyId) {
		return new S3StorageSettings(this.bucket, this.prefix, storageClass, encryption, kmsKeyId, this.compression);
	}

	private static String trimSlashes(String prefix) {
		String trimmed = prefix.trim();
		int start = 0;
		int end = trimmed.length();
		while (start < end && trimmed.charAt(start) == '/') {
			start++;
		}
		while (end > start && trimmed.charAt(end - 1) == '/') {
			end--;
		}
		return trimmed.substring(start, end);
	}

	/** Server-side encryption of the objects written. */
	public enum Encryption {

		/** The bucket's default encryption. */
		NONE,

		/** SSE-S3: keys managed by S3. */
		AES256,

		/** SSE-KMS: a KMS key, the configured one or the AWS managed key. */
		AWS_KMS

	}

}
