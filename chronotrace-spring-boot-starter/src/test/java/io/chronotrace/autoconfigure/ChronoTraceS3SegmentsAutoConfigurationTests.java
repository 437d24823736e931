package io.chronotrace.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.awspring.cloud.autoconfigure.core.AwsAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration;
import io.chronotrace.core.storage.StorageCheck;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.memory.InMemoryTraceStorage;
import io.chronotrace.core.storage.s3.S3ProxyExtension;
import io.chronotrace.core.storage.s3.S3ProxyServer;
import io.chronotrace.core.storage.s3.segment.S3SegmentTraceStorage;
import io.chronotrace.core.storage.spool.SpoolingTraceStorage;
import io.chronotrace.core.trace.TestTraces;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.write.AsyncTraceWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code chronotrace.storage=s3} with {@code chronotrace.layout=segments} gives the storage that
 * uploads sealed local segments as blocks, with the block settings of
 * {@code chronotrace.s3.block.*}; closing the application uploads what it holds.
 */
class ChronoTraceS3SegmentsAutoConfigurationTests {

	private static final String BUCKET = "chronotrace-blocks";

	@RegisterExtension
	static final S3ProxyExtension s3 = new S3ProxyExtension(BUCKET);

	@TempDir
	Path spoolDirectory;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AwsAutoConfiguration.class, CredentialsProviderAutoConfiguration.class,
				RegionProviderAutoConfiguration.class, ChronoTraceStorageAutoConfiguration.class));

	@Test
	void segmentsLayoutUploadsBlocksAndClosingTheApplicationUploadsWhatItHolds() {
		Trace trace = TestTraces.trace(Instant.now());
		this.runner.withPropertyValues(properties()).run((context) -> {
			assertThat(context).hasSingleBean(TraceStorage.class).hasSingleBean(S3SegmentTraceStorage.class)
				.doesNotHaveBean(SpoolingTraceStorage.class);
			S3SegmentTraceStorage storage = context.getBean(S3SegmentTraceStorage.class);
			storage.store(trace);
			assertThat(storage.retrieve(trace.id())).contains(trace);
			assertThat(storage.description().type()).isEqualTo("s3");
			assertThat(storage.spool()).isEqualTo(this.spoolDirectory.toAbsolutePath().normalize());
			StorageCheck check = storage.check();
			assertThat(check.up()).as(check.reason()).isTrue();
			assertThat(check.details()).containsEntry("layout", "segments").containsKey("blocksWaiting");
			assertThat(storage.blockSettings().maxSize()).isEqualTo(32L * 1024 * 1024);
			assertThat(storage.blockSettings().maxAge()).isEqualTo(Duration.ofSeconds(60));
			assertThat(keys()).isEmpty();
		});
		// the context is closed: the open segment was sealed and uploaded as one block
		assertThat(keys()).hasSize(2).anyMatch((key) -> key.startsWith("traces/") && key.endsWith(".seg"))
			.anyMatch((key) -> key.endsWith(".idx"));
	}

	@Test
	void blockSizeAndAgeComeFromProperties() {
		this.runner
			.withPropertyValues(properties("chronotrace.s3.block.max-size=4MB", "chronotrace.s3.block.max-age=15s",
					"chronotrace.s3.path-prefix=apps/shop"))
			.run((context) -> {
				S3SegmentTraceStorage storage = context.getBean(S3SegmentTraceStorage.class);
				assertThat(storage.blockSettings().maxSize()).isEqualTo(4L * 1024 * 1024);
				assertThat(storage.blockSettings().maxAge()).isEqualTo(Duration.ofSeconds(15));
				assertThat(storage.description().location()).isEqualTo("s3://" + BUCKET + "/apps/shop/");
			});
	}

	@Test
	void spoolMaxSizeBoundsTheLocalSegments() {
		this.runner.withPropertyValues(properties()).run((context) -> {
			S3SegmentTraceStorage storage = context.getBean(S3SegmentTraceStorage.class);
			assertThat(storage.blockSettings().maxSpoolSize()).isEqualTo(512L * 1024 * 1024);
			assertThat(storage.check().details()).containsEntry("spoolMaxBytes", 512L * 1024 * 1024)
				.containsEntry("spoolDropped", 0L);
		});
		this.runner.withPropertyValues(properties("chronotrace.s3.spool.max-size=2GB"))
			.run((context) -> assertThat(context.getBean(S3SegmentTraceStorage.class).blockSettings().maxSpoolSize())
				.isEqualTo(2L * 1024 * 1024 * 1024));
	}

	@Test
	void spoolRetryIntervalCapsTheWaitBetweenUploadAttempts() {
		this.runner.withPropertyValues(properties())
			.run((context) -> assertThat(context.getBean(S3SegmentTraceStorage.class).blockSettings().retryInterval())
				.isEqualTo(Duration.ofSeconds(5)));
		this.runner.withPropertyValues(properties("chronotrace.s3.spool.retry-interval=30s"))
			.run((context) -> assertThat(context.getBean(S3SegmentTraceStorage.class).blockSettings().retryInterval())
				.isEqualTo(Duration.ofSeconds(30)));
	}

	@Test
	void aSpoolSmallerThanOneBlockFailsStartUpNamingBothProperties() {
		this.runner.withPropertyValues(properties("chronotrace.s3.spool.max-size=16MB"))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("chronotrace.s3.spool.max-size")
				.hasMessageContaining("chronotrace.s3.block.max-size (32MB)"));
		this.runner.withPropertyValues(properties("chronotrace.s3.spool.max-size=16MB", "chronotrace.s3.block.max-size=8MB"))
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void oneWriterThreadWritesTheLocalSegmentsUnlessConfigured() {
		ApplicationContextRunner withWriter = this.runner
			.withConfiguration(AutoConfigurations.of(ChronoTraceWriterAutoConfiguration.class));
		withWriter.withPropertyValues(properties())
			.run((context) -> assertThat(context.getBean(AsyncTraceWriter.class).settings().threads()).isEqualTo(1));
		withWriter.withPropertyValues(properties("chronotrace.writer-threads=3"))
			.run((context) -> assertThat(context.getBean(AsyncTraceWriter.class).settings().threads()).isEqualTo(3));
	}

	@Test
	void applicationsOwnTraceStorageWins() {
		this.runner.withPropertyValues(properties())
			.withBean(TraceStorage.class, () -> new InMemoryTraceStorage(10))
			.run((context) -> assertThat(context).hasSingleBean(TraceStorage.class)
				.doesNotHaveBean(S3SegmentTraceStorage.class));
	}

	@Test
	void aSpoolOfTheFoldersLayoutFailsStartUpNamingTheSpoolPath() throws Exception {
		Path folder = this.spoolDirectory.resolve("2025-03-10").resolve(TestTraces.trace(Instant.now()).id().toString());
		Files.createDirectories(folder);
		this.runner.withPropertyValues(properties()).run((context) -> assertThat(context).hasFailed()
			.getFailure()
			.rootCause()
			.isInstanceOf(InvalidConfigurationPropertyValueException.class)
			.hasMessageContaining("chronotrace.s3.spool.path")
			.hasMessageContaining("folders layout"));
	}

	private List<String> keys() {
		try (S3Client client = s3.server().client()) {
			return client.listObjectsV2Paginator((list) -> list.bucket(BUCKET)).contents().stream().map(S3Object::key).toList();
		}
	}

	private String[] properties(String... more) {
		List<String> properties = new ArrayList<>(List.of("chronotrace.storage=s3", "chronotrace.layout=segments",
				"chronotrace.s3.bucket=" + BUCKET, "chronotrace.s3.endpoint=" + s3.server().endpoint(),
				"chronotrace.s3.region=us-east-1", "chronotrace.s3.spool.path=" + this.spoolDirectory,
				"spring.cloud.aws.credentials.access-key=" + S3ProxyServer.ACCESS_KEY,
				"spring.cloud.aws.credentials.secret-key=" + S3ProxyServer.SECRET_KEY));
		properties.addAll(List.of(more));
		return properties.toArray(String[]::new);
	}

}
