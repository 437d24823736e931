package io.chronotrace.autoconfigure;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.awspring.cloud.autoconfigure.AwsSyncClientCustomizer;
import io.awspring.cloud.autoconfigure.core.AwsAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.s3.S3ClientCustomizer;
import io.chronotrace.core.storage.StorageCheck;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.memory.InMemoryTraceStorage;
import io.chronotrace.core.storage.s3.S3ClientOptions;
import io.chronotrace.core.storage.s3.S3ProxyExtension;
import io.chronotrace.core.storage.s3.S3ProxyServer;
import io.chronotrace.core.storage.spool.SpoolDrainerThreads;
import io.chronotrace.core.storage.spool.SpoolingTraceStorage;
import io.chronotrace.core.trace.TestTraces;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.write.AsyncTraceWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code chronotrace.storage=s3} gives a spooled S3 storage built the Spring Cloud AWS way,
 * against a real S3-compatible server (S3Proxy); the application's own storage or S3 client
 * are respected, and misconfiguration fails start-up naming the property.
 */
class ChronoTraceS3AutoConfigurationTests {

	private static final String BUCKET = "chronotrace-app";

	@RegisterExtension
	static final S3ProxyExtension s3 = new S3ProxyExtension(BUCKET);

	private static S3ProxyServer server;

	@TempDir
	Path spoolDirectory;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AwsAutoConfiguration.class, CredentialsProviderAutoConfiguration.class,
				RegionProviderAutoConfiguration.class, ChronoTraceStorageAutoConfiguration.class));

	@BeforeAll
	static void server() {
		server = s3.server();
	}

	@Test
	void applicationWithoutS3StorageOrAnyAwsConfigurationStarts() {
		this.runner.withPropertyValues("chronotrace.storage=memory").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(TraceS3Client.class);
			assertThat(context.getBean(TraceStorage.class).description().type()).isEqualTo("memory");
		});
	}

	@Test
	void s3StorageStoresInTheBucketAndSpoolsToTheConfiguredDirectory() {
		this.runner.withPropertyValues(s3Properties()).run((context) -> {
			assertThat(context).hasSingleBean(TraceStorage.class).hasSingleBean(SpoolingTraceStorage.class);
			SpoolingTraceStorage storage = context.getBean(SpoolingTraceStorage.class);
			Trace trace = TestTraces.trace(Instant.parse("2025-03-10T10:00:00Z"));

			storage.store(trace);

			assertThat(storage.retrieve(trace.id())).contains(trace);
			assertThat(storage.description().type()).isEqualTo("s3");
			assertThat(storage.description().location()).isEqualTo("s3://" + BUCKET + "/traces/");
			StorageCheck check = storage.check();
			assertThat(check.up()).as(check.reason()).isTrue();
			assertThat(check.details()).containsEntry("endpoint", server.endpoint().toString())
				.containsEntry("region", "us-east-1")
				.containsEntry("spool", this.spoolDirectory.toAbsolutePath().normalize().toString())
				.containsEntry("spoolMaxBytes", 512L * 1024 * 1024);
			assertThat(context.getBean(TraceS3Client.class).owned()).isTrue();
		});
	}

	@Test
	void prefixSpoolSizeAndRetryIntervalComeFromProperties() {
		this.runner
			.withPropertyValues(s3Properties("chronotrace.s3.path-prefix=/apps/shop/", "chronotrace.s3.spool.max-size=1MB",
					"chronotrace.s3.spool.retry-interval=250ms"))
			.run((context) -> {
				SpoolingTraceStorage storage = context.getBean(SpoolingTraceStorage.class);
				assertThat(storage.description().location()).isEqualTo("s3://" + BUCKET + "/apps/shop/");
				assertThat(storage.statistics().maxBytes()).isEqualTo(1024 * 1024);
				assertThat(storage.check().details()).containsEntry("prefix", "apps/shop");
			});
	}

	@Test
	void applicationsOwnTraceStorageWins() {
		this.runner.withPropertyValues(s3Properties())
			.withBean(TraceStorage.class, () -> new InMemoryTraceStorage(10))
			.run((context) -> {
				assertThat(context).hasSingleBean(TraceStorage.class);
				assertThat(context).doesNotHaveBean(SpoolingTraceStorage.class).doesNotHaveBean(TraceS3Client.class);
			});
	}

	@Test
	void applicationsS3ClientIsUsedWhenChronoTraceAsksForNoOtherEndpointOrRegion() {
		S3Client applicationClient = server.client();
		this.runner
			.withPropertyValues("chronotrace.storage=s3", "chronotrace.s3.bucket=" + BUCKET,
					"chronotrace.s3.spool.path=" + this.spoolDirectory)
			// the application closes its client itself, after the context
			.withBean(S3Client.class, () -> applicationClient, (definition) -> definition.setDestroyMethodName(""))
			.run((context) -> {
				assertThat(context.getBean(TraceS3Client.class).client()).isSameAs(applicationClient);
				assertThat(context.getBean(TraceS3Client.class).owned()).isFalse();
				assertThat(context.getBean(SpoolingTraceStorage.class).check().up()).isTrue();
			});
		assertThat(applicationClient.headBucket((head) -> head.bucket(BUCKET)).sdkHttpResponse().isSuccessful())
			.as("the application's client is not closed with ChronoTrace")
			.isTrue();
		applicationClient.close();
	}

	@Test
	void chronoTraceEndpointGetsItsOwnClientBesideTheApplications() {
		URI nowhere = URI.create("http://127.0.0.1:" + S3ProxyServer.freePort());
		try (S3Client applicationClient = S3ProxyServer.client(nowhere, "a", "b", (builder) -> {
		})) {
			this.runner.withPropertyValues(s3Properties())
				.withBean(S3Client.class, () -> applicationClient)
				.run((context) -> {
					assertThat(context).hasSingleBean(S3Client.class);
					assertThat(context.getBean(TraceS3Client.class).client()).isNotSameAs(applicationClient);
					assertThat(context.getBean(SpoolingTraceStorage.class).check().up()).isTrue();
				});
		}
	}

	@Test
	void s3StorageWithoutBucketFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("chronotrace.storage=s3", "chronotrace.s3.region=us-east-1")
			.run(failsWith("chronotrace.s3.bucket"));
	}

	@Test
	void regionThatCannotBeFoundFailsStartupNamingTheProperty() {
		AwsRegionProvider noRegion = () -> {
			throw SdkClientException.create("Unable to load region from any of the providers in the chain");
		};
		this.runner.withPropertyValues("chronotrace.storage=s3", "chronotrace.s3.bucket=" + BUCKET)
			.withBean(AwsRegionProvider.class, () -> noRegion)
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new ConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				String message = analysis.getDescription() + " " + analysis.getAction();
				assertThat(message).doesNotContain("\n")
					.doesNotContain("providers in the chain")
					.contains("chronotrace.s3.region", "spring.cloud.aws.region.static", "AWS_REGION");
			});
	}

	@Test
	void applicationsS3ClientCustomizersApplyToChronoTracesClient() {
		S3ClientCustomizer timeouts = (builder) -> builder.overrideConfiguration(
				builder.overrideConfiguration().toBuilder().apiCallTimeout(Duration.ofSeconds(3)).build());
		List<Object> syncCustomized = new ArrayList<>();
		AwsSyncClientCustomizer sync = syncCustomized::add;
		this.runner.withPropertyValues(s3Properties())
			.withBean(S3ClientCustomizer.class, () -> timeouts)
			.withBean(AwsSyncClientCustomizer.class, () -> sync)
			.run((context) -> {
				TraceS3Client client = context.getBean(TraceS3Client.class);
				ClientOverrideConfiguration configuration = client.client()
					.serviceClientConfiguration()
					.overrideConfiguration();
				assertThat(configuration.apiCallTimeout()).contains(Duration.ofSeconds(3));
				assertThat(configuration.apiCallAttemptTimeout()).as("ChronoTrace's, which no customizer changed")
					.contains(S3ClientOptions.API_CALL_ATTEMPT_TIMEOUT);
				assertThat(syncCustomized).singleElement().isInstanceOf(S3ClientBuilder.class);
				assertThat(configuration.retryStrategy()).as("ChronoTrace's retries, which no customizer changed")
					.isPresent();
				assertThat(context.getBean(SpoolingTraceStorage.class).check().up()).isTrue();
			});
	}

	@Test
	void kmsKeyWithoutKmsEncryptionFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues(s3Properties("chronotrace.s3.kms-key-id=alias/traces"))
			.run(failsWith("chronotrace.s3.kms-key-id"));
	}

	@Test
	void disabledChronoTraceCreatesNoStorageAndNoThread() {
		this.runner.withPropertyValues(s3Properties("chronotrace.enabled=false"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(TraceStorage.class));
	}

	@Test
	void closingTheContextStopsTheSpoolDrainer() {
		this.runner.withPropertyValues(s3Properties())
			.run((context) -> assertThat(SpoolDrainerThreads.alive()).isNotEmpty());

		assertThat(SpoolDrainerThreads.alive()).isEmpty();
	}

	@Test
	void s3StorageGetsWriterThreadsForItsNetworkLatencyUnlessConfigured() {
		ApplicationContextRunner withWriter = this.runner
			.withConfiguration(AutoConfigurations.of(ChronoTraceWriterAutoConfiguration.class));
		withWriter.withPropertyValues(s3Properties())
			.run((context) -> assertThat(context.getBean(AsyncTraceWriter.class).settings().threads()).isEqualTo(8));
		withWriter.withPropertyValues(s3Properties("chronotrace.writer-threads=3"))
			.run((context) -> assertThat(context.getBean(AsyncTraceWriter.class).settings().threads()).isEqualTo(3));
	}

	private String[] s3Properties(String... more) {
		List<String> properties = new ArrayList<>(List.of("chronotrace.storage=s3",
				"chronotrace.s3.bucket=" + BUCKET, "chronotrace.s3.endpoint=" + server.endpoint(),
				"chronotrace.s3.region=us-east-1", "chronotrace.s3.spool.path=" + this.spoolDirectory,
				"spring.cloud.aws.credentials.access-key=" + S3ProxyServer.ACCESS_KEY,
				"spring.cloud.aws.credentials.secret-key=" + S3ProxyServer.SECRET_KEY));
		properties.addAll(List.of(more));
		return properties.toArray(String[]::new);
	}

	private static ContextConsumer<AssertableApplicationContext> failsWith(String property) {
		return (context) -> assertThat(context).hasFailed()
			.getFailure()
			.rootCause()
			.hasMessageContaining(property);
	}

}
