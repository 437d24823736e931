package io.chronotrace.autoconfigure;

import java.nio.file.Path;

import io.awspring.cloud.autoconfigure.AwsSyncClientCustomizer;
import io.awspring.cloud.autoconfigure.core.AwsClientBuilderConfigurer;
import io.awspring.cloud.autoconfigure.core.AwsConnectionDetails;
import io.awspring.cloud.autoconfigure.s3.S3ClientCustomizer;
import io.chronotrace.core.compress.Compression;
import io.chronotrace.core.storage.LayoutMismatchException;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.TraceStorageException;
import io.chronotrace.core.storage.UnusableLocationException;
import io.chronotrace.core.storage.local.LocalFileSystemTraceStorage;
import io.chronotrace.core.storage.s3.S3StorageSettings;
import io.chronotrace.core.storage.s3.S3TraceStorage;
import io.chronotrace.core.storage.s3.segment.S3BlockSettings;
import io.chronotrace.core.storage.s3.segment.S3SegmentTraceStorage;
import io.chronotrace.core.storage.spool.SpoolSettings;
import io.chronotrace.core.storage.spool.SpoolingTraceStorage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import software.amazon.awssdk.services.s3.S3Client;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

/**
 * The S3 backend ({@code chronotrace.storage=s3}, or a tier of {@code storage: tiered}): an
 * {@link S3TraceStorage} on the bucket of {@code chronotrace.s3.*}, wrapped in a
 * {@link SpoolingTraceStorage} that keeps traces on local disk while S3 cannot be reached; with
 * {@code chronotrace.layout=segments}, an {@link S3SegmentTraceStorage} that uploads sealed local
 * segments as blocks. Credentials and region come the Spring Cloud AWS way; an application's own
 * {@code S3Client} is used when ChronoTrace asks for no other endpoint, region or addressing.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnStorageBackend("s3")
@ConditionalOnMissingBean(TraceStorage.class)
@EnableConfigurationProperties(ChronoTraceS3BlockProperties.class)
class S3StorageConfiguration {

	private static final Log logger = LogFactory.getLog(S3StorageConfiguration.class);

	@Bean(destroyMethod = "close")
	TraceS3Client chronoTraceS3Client(ChronoTraceProperties properties, Environment environment,
			AwsClientBuilderConfigurer configurer, ObjectProvider<AwsConnectionDetails> connectionDetails,
			ObjectProvider<S3Client> applicationClients, ObjectProvider<S3ClientCustomizer> s3Customizers,
			ObjectProvider<AwsSyncClientCustomizer> syncCustomizers) {
		bucket(properties.getS3());
		return new TraceS3ClientFactory(properties.getS3(), environment, configurer, connectionDetails.getIfAvailable(),
				s3Customizers.orderedStream().toList(), syncCustomizers.orderedStream().toList())
			.create(applicationClients.getIfUnique());
	}

	@Bean
	@ConditionalOnMissingBean(name = "chronoTraceS3StorageFactory")
	S3StorageFactory chronoTraceS3StorageFactory(ChronoTraceProperties properties, ChronoTraceS3BlockProperties block,
			TraceS3Client client) {
		return new S3StorageFactory(properties, block, client);
	}

	/**
	 * The S3 storage on the bucket of {@code chronotrace.s3.*}, started: with the folder layout,
	 * wrapped in a spool on local disk; with segments, the local segments are the spool and
	 * sealed ones go up as blocks. The storage of {@code storage: s3}, or a tier of
	 * {@code storage: tiered}.
	 */
	static final class S3StorageFactory implements TraceStorageFactory {

		private final ChronoTraceProperties properties;

		private final ChronoTraceS3BlockProperties block;

		private final TraceS3Client client;

		S3StorageFactory(ChronoTraceProperties properties, ChronoTraceS3BlockProperties block, TraceS3Client client) {
			this.properties = properties;
			this.block = block;
			this.client = client;
		}

		@Override
		public String name() {
			return "s3";
		}

		@Override
		public TraceStorage create() {
			if (this.properties.getLayout() == ChronoTraceProperties.Layout.SEGMENTS) {
				return segments();
			}
			return folders();
		}

		private SpoolingTraceStorage folders() {
			ChronoTraceProperties.S3 s3 = this.properties.getS3();
			Compression compression = StorageSettings.compression(this.properties);
			S3TraceStorage remote = new S3TraceStorage(this.client.client(), settings(s3, compression));
			ChronoTraceProperties.Spool spool = s3.getSpool();
			LocalFileSystemTraceStorage spoolStorage;
			try {
				spoolStorage = new LocalFileSystemTraceStorage(Path.of(spool.getPath()), compression);
			}
			catch (LayoutMismatchException | UnusableLocationException ex) {
				throw spoolPath(spool.getPath(), ex);
			}
			SpoolingTraceStorage storage = new SpoolingTraceStorage(remote, spoolStorage,
					new SpoolSettings(spool.getMaxSize().toBytes(), spool.getRetryInterval()));
			logger.debug("ChronoTrace stores traces in " + remote
					+ (this.client.owned() ? "" : " with the application's S3Client")
					+ "; while S3 cannot be reached they wait in " + spoolStorage.description().location());
			return storage.start();
		}

		private S3SegmentTraceStorage segments() {
			ChronoTraceProperties.S3 s3 = this.properties.getS3();
			S3StorageSettings settings = settings(s3, StorageSettings.compression(this.properties));
			DataSize maxSpoolSize = s3.getSpool().getMaxSize();
			if (maxSpoolSize.toBytes() < this.block.getMaxSize().toBytes()) {
				String block = StartupReport.size(this.block.getMaxSize());
				throw new InvalidConfigurationPropertyValueException("chronotrace.s3.spool.max-size",
						StartupReport.size(maxSpoolSize),
						"With chronotrace.layout=segments the spool must hold at least one block: raise it to "
								+ "chronotrace.s3.block.max-size (" + block + ") or more, or lower that.");
			}
			S3BlockSettings blocks = S3BlockSettings.DEFAULT
				.withBlock(this.block.getMaxSize().toBytes(), this.block.getMaxAge())
				.withShutdownTimeout(this.properties.getShutdownTimeout())
				.withMaxSpoolSize(maxSpoolSize.toBytes())
				.withRetryInterval(s3.getSpool().getRetryInterval());
			String spool = s3.getSpool().getPath();
			S3SegmentTraceStorage storage;
			try {
				storage = S3SegmentTraceStorage.open(this.client.client(), settings, Path.of(spool), blocks);
			}
			catch (LayoutMismatchException | UnusableLocationException ex) {
				throw spoolPath(spool, ex);
			}
			logger.debug("ChronoTrace stores traces in " + storage
					+ (this.client.owned() ? "" : " with the application's S3Client")
					+ "; traces wait in local segments until their block is uploaded");
			return storage.start();
		}

	}

	/** The spool directory holds the other layout, or cannot be written. */
	private static InvalidConfigurationPropertyValueException spoolPath(String path, TraceStorageException ex) {
		String hint = (ex instanceof LayoutMismatchException mismatch)
				? " Point chronotrace.s3.spool.path at another directory for the " + mismatch.getExpected() + " layout."
				: (ex instanceof UnusableLocationException unusable && unusable.isInUse())
						? " Give each instance its own chronotrace.s3.spool.path."
						: " Point chronotrace.s3.spool.path at a directory this application can write to.";
		return new InvalidConfigurationPropertyValueException("chronotrace.s3.spool.path", path,
				ex.getMessage() + "." + hint);
	}

	private static S3StorageSettings settings(ChronoTraceProperties.S3 s3, Compression compression) {
		S3StorageSettings.Encryption encryption = S3StorageSettings.Encryption
			.valueOf(s3.getServerSideEncryption().name());
		try {
			return new S3StorageSettings(bucket(s3), s3.getPathPrefix(), s3.getStorageClass(), encryption,
					s3.getKmsKeyId(), compression);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException("chronotrace.s3.kms-key-id", s3.getKmsKeyId(),
					ex.getMessage() + " (chronotrace.s3.server-side-encryption)");
		}
	}

	private static String bucket(ChronoTraceProperties.S3 s3) {
		String bucket = s3.getBucket();
		if (!StringUtils.hasText(bucket)) {
			throw new InvalidConfigurationPropertyValueException("chronotrace.s3.bucket", bucket,
					"chronotrace.storage is s3, so a bucket is required. Set chronotrace.s3.bucket "
							+ "(CHRONOTRACE_S3_BUCKET).");
		}
		return bucket.trim();
	}

}
