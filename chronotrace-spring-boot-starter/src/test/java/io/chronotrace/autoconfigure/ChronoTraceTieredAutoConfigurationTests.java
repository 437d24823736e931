package io.chronotrace.autoconfigure;

import java.nio.file.Path;
import java.time.Instant;

import io.awspring.cloud.autoconfigure.core.AwsAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.local.LocalFileSystemTraceStorage;
import io.chronotrace.core.storage.memory.InMemoryTraceStorage;
import io.chronotrace.core.storage.redis.RedisServerExtension;
import io.chronotrace.core.storage.redis.RedisTraceStorage;
import io.chronotrace.core.storage.s3.S3ProxyExtension;
import io.chronotrace.core.storage.s3.S3ProxyServer;
import io.chronotrace.core.storage.spool.SpoolingTraceStorage;
import io.chronotrace.core.storage.tiered.TieredTraceStorage;
import io.chronotrace.core.trace.TestTraces;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.retention.TierMoverScheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code chronotrace.storage=tiered} builds its tiers with the backends' own factories, runs
 * the mover, and explains a missing or repeated tier at start-up.
 */
class ChronoTraceTieredAutoConfigurationTests {

	private static final String BUCKET = "tiered-traces";

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension();

	@RegisterExtension
	static final S3ProxyExtension s3 = new S3ProxyExtension(BUCKET);

	@TempDir
	Path directory;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AwsAutoConfiguration.class, CredentialsProviderAutoConfiguration.class,
				RegionProviderAutoConfiguration.class, DataRedisAutoConfiguration.class,
				ChronoTraceStorageAutoConfiguration.class));

	@Test
	void localHotAndMemoryColdByDefaultNamesWithAMover() {
		this.runner
			.withPropertyValues("chronotrace.storage=tiered", "chronotrace.tiered.cold=memory",
					"chronotrace.path=" + this.directory.resolve("hot"))
			.run((context) -> {
				assertThat(context).hasSingleBean(TraceStorage.class).hasSingleBean(TierMoverScheduler.class);
				TieredTraceStorage storage = context.getBean(TieredTraceStorage.class);
				assertThat(storage.hot()).isInstanceOf(LocalFileSystemTraceStorage.class);
				assertThat(storage.cold()).isInstanceOf(InMemoryTraceStorage.class);
				assertThat(storage.hot().description().location()).contains(this.directory.resolve("hot").toString());
				assertThat(context.getBean(TierMoverScheduler.class).isRunning()).isTrue();
			});
	}

	@Test
	void redisHotAndS3ColdUseTheApplicationsRedisAndTheConfiguredBucket() {
		this.runner
			.withPropertyValues("chronotrace.storage=tiered", "chronotrace.tiered.hot=redis",
					"chronotrace.tiered.cold=s3", "spring.data.redis.port=" + redis.server().port(),
					"spring.data.redis.host=127.0.0.1", "chronotrace.s3.bucket=" + BUCKET,
					"chronotrace.s3.endpoint=" + s3.server().endpoint(), "chronotrace.s3.region=us-east-1",
					"chronotrace.s3.spool.path=" + this.directory.resolve("spool"),
					"spring.cloud.aws.credentials.access-key=" + S3ProxyServer.ACCESS_KEY,
					"spring.cloud.aws.credentials.secret-key=" + S3ProxyServer.SECRET_KEY)
			.run((context) -> {
				TieredTraceStorage storage = context.getBean(TieredTraceStorage.class);
				assertThat(storage.hot()).isInstanceOf(RedisTraceStorage.class);
				assertThat(storage.cold()).isInstanceOf(SpoolingTraceStorage.class);
				Trace failed = TestTraces.trace(Instant.now(), 500);
				storage.store(failed);
				assertThat(storage.hot().retrieve(failed.id())).contains(failed);
				assertThat(storage.cold().retrieve(failed.id())).contains(failed);
				assertThat(storage.check().up()).as(storage.check().reason()).isTrue();
			});
	}

	@Test
	void localHotAndJdbcColdUseTheApplicationsDataSource() {
		this.runner
			.withConfiguration(AutoConfigurations.of(
					org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration.class,
					ChronoTraceStorageAutoConfiguration.class))
			.withPropertyValues("chronotrace.storage=tiered", "chronotrace.tiered.cold=jdbc",
					"chronotrace.path=" + this.directory.resolve("hot"),
					"spring.datasource.url=jdbc:h2:mem:tiered;DB_CLOSE_DELAY=-1")
			.run((context) -> {
				TieredTraceStorage storage = context.getBean(TieredTraceStorage.class);
				assertThat(storage.hot()).isInstanceOf(LocalFileSystemTraceStorage.class);
				assertThat(storage.cold()).isInstanceOf(io.chronotrace.core.storage.jdbc.JdbcTraceStorage.class);
				Trace failed = TestTraces.trace(Instant.now(), 500);
				storage.store(failed);
				assertThat(storage.cold().retrieve(failed.id())).contains(failed);
			});
	}

	@Test
	void aMissingColdTierFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("chronotrace.storage=tiered").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("chronotrace.tiered.cold");
		});
	}

	@Test
	void theSameBackendTwiceFailsStartup() {
		this.runner.withPropertyValues("chronotrace.storage=tiered", "chronotrace.tiered.hot=memory",
				"chronotrace.tiered.cold=memory")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("The hot and cold tiers are the same backend");
			});
	}

	@Test
	void anApplicationsOwnBackendIsATierByItsName() {
		InMemoryTraceStorage archive = new InMemoryTraceStorage(50);
		this.runner
			.withPropertyValues("chronotrace.storage=tiered", "chronotrace.tiered.cold=archive",
					"chronotrace.path=" + this.directory.resolve("hot"))
			.withBean("archiveFactory", TraceStorageFactory.class, () -> TraceStorageFactory.of("archive", () -> archive))
			.run((context) -> {
				TieredTraceStorage storage = context.getBean(TieredTraceStorage.class);
				assertThat(storage.cold()).isSameAs(archive);
				Trace failed = TestTraces.trace(Instant.now(), 500);
				storage.store(failed);
				assertThat(archive.retrieve(failed.id())).contains(failed);
			});
	}

	@Test
	void aTierThatNamesNoBackendFailsStartupListingTheBackends() {
		this.runner.withPropertyValues("chronotrace.storage=tiered", "chronotrace.tiered.cold=archive",
				"chronotrace.path=" + this.directory.resolve("hot"))
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidConfigurationPropertyValueException.class)
					.hasMessageContaining("chronotrace.tiered.cold")
					.hasMessageContaining("There is no archive backend")
					.hasMessageContaining("[local]");
			});
	}

	@Test
	void usersStorageMakesOursBackOff() {
		this.runner.withPropertyValues("chronotrace.storage=tiered", "chronotrace.tiered.cold=memory",
				"chronotrace.path=" + this.directory.resolve("hot"))
			.withBean("myStorage", TraceStorage.class, () -> new InMemoryTraceStorage(5))
			.run((context) -> {
				assertThat(context).hasSingleBean(TraceStorage.class);
				assertThat(context).doesNotHaveBean(TieredTraceStorage.class).doesNotHaveBean(TierMoverScheduler.class);
			});
	}

}
