package io.chronotrace.autoconfigure;

import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.memory.InMemoryTraceStorage;
import io.chronotrace.core.storage.redis.RedisServerExtension;
import io.chronotrace.core.storage.redis.RedisTraceStorage;
import io.chronotrace.core.trace.TestTraces;
import io.chronotrace.core.trace.Trace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code chronotrace.storage=redis} gives a Redis storage over the application's Lettuce
 * connection factory, configured by {@code chronotrace.redis.*}; without Spring Data Redis the
 * start-up message names the dependency to add.
 */
class ChronoTraceRedisAutoConfigurationTests {

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
				ChronoTraceStorageAutoConfiguration.class))
		.withPropertyValues("spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + redis.server().port());

	@Test
	void redisStorageStoresInTheApplicationsRedisUnderTheKeyPrefix() {
		this.runner.withPropertyValues("chronotrace.storage=redis", "chronotrace.redis.key-prefix=shop:traces:")
			.run((context) -> {
				assertThat(context).hasSingleBean(TraceStorage.class);
				TraceStorage storage = context.getBean(TraceStorage.class);
				assertThat(storage).isInstanceOf(RedisTraceStorage.class);
				assertThat(storage.description().location()).contains("127.0.0.1:" + redis.server().port()).contains("shop:traces:");
				Trace trace = TestTraces.trace(java.time.Instant.now());
				storage.store(trace);
				assertThat(redis.server().command("EXISTS shop:traces:trace:" + trace.id())).isEqualTo(":1");
				assertThat(storage.retrieve(trace.id())).contains(trace);
			});
	}

	@Test
	void tracesLiveForTheRetentionDays() {
		this.runner.withPropertyValues("chronotrace.storage=redis", "chronotrace.retention-days=2",
				"chronotrace.redis.key-prefix=ttl:")
			.run((context) -> {
				Trace trace = TestTraces.trace(java.time.Instant.now());
				context.getBean(TraceStorage.class).store(trace);
				long ttl = Long.parseLong(redis.server().command("TTL ttl:trace:" + trace.id()).substring(1));
				assertThat(ttl).isBetween(2 * 86400L - 60, 2 * 86400L);
			});
	}

	@Test
	void otherStoragesCreateNoRedisBeans() {
		this.runner.withPropertyValues("chronotrace.storage=memory").run((context) -> {
			assertThat(context).hasSingleBean(InMemoryTraceStorage.class);
			assertThat(context).doesNotHaveBean(RedisStorageFactory.class);
		});
	}

	@Test
	void usersStorageMakesOursBackOff() {
		this.runner.withPropertyValues("chronotrace.storage=redis")
			.withBean("myStorage", TraceStorage.class, () -> new InMemoryTraceStorage(5))
			.run((context) -> {
				assertThat(context).hasSingleBean(TraceStorage.class);
				assertThat(context.getBean(TraceStorage.class)).isInstanceOf(InMemoryTraceStorage.class);
			});
	}

	@Test
	void withoutSpringDataRedisTheStartupMessageNamesTheDependency() {
		this.runner.withPropertyValues("chronotrace.storage=redis")
			.withClassLoader(new FilteredClassLoader(LettuceConnectionFactory.class))
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(MissingStorageLibraryException.class)
					.hasMessageContaining("chronotrace.storage is redis")
					.hasMessageContaining("org.springframework.boot:spring-boot-starter-data-redis");
			});
	}

	@Test
	void withSpringDataRedisButWithoutLettuceTheStartupMessageNamesLettuce() {
		this.runner.withPropertyValues("chronotrace.storage=redis")
			.withClassLoader(new FilteredClassLoader(io.lettuce.core.RedisClient.class))
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(MissingStorageLibraryException.class)
					.hasMessageContaining("chronotrace.storage is redis")
					.hasMessageContaining("io.lettuce:lettuce-core");
			});
	}

	@Test
	void withoutARedisConnectionFactoryTheStartupMessageSaysWhatToSet() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ChronoTraceStorageAutoConfiguration.class))
			.withPropertyValues("chronotrace.storage=redis")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("spring-boot-starter-data-redis")
					.hasMessageContaining("spring.data.redis.host");
			});
	}

}
