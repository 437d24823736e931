package io.chronotrace.autoconfigure;

import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.redis.RedisTraceStorage;
import io.chronotrace.core.write.AsyncTraceWriter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.util.ClassUtils;

/**
 * The Redis trace storage ({@code chronotrace.storage=redis}, or a tier of
 * {@code storage: tiered}): a {@link RedisTraceStorage} over the application's Lettuce
 * connection, with {@code chronotrace.redis.*}. Without Spring Data Redis and Lettuce on the
 * classpath, start-up fails with a message naming the dependency. An application replaces the
 * storage by declaring its own {@link TraceStorage} bean.
 */
@AutoConfiguration(before = ChronoTraceStorageAutoConfiguration.class,
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnChronoTraceEnabled
@ConditionalOnStorageBackend(ChronoTraceProperties.StorageType.REDIS)
@EnableConfigurationProperties({ ChronoTraceProperties.class, ChronoTraceRedisProperties.class })
public final class ChronoTraceRedisAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "io.lettuce.core.RedisClient",
			"org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory" })
	static class LettuceStorageConfiguration {

		@Bean(destroyMethod = "close")
		@ConditionalOnMissingBean
		RedisStorageFactory chronoTraceRedisStorageFactory(ChronoTraceProperties properties,
				ChronoTraceRedisProperties redis, ObjectProvider<RedisConnectionFactory> connectionFactories) {
			return new RedisStorageFactory(properties, redis, connectionFactories);
		}

		@Bean
		@ConditionalOnProperty(name = "chronotrace.storage", havingValue = "redis")
		@ConditionalOnMissingBean(TraceStorage.class)
		RedisTraceStorage chronoTraceStorage(RedisStorageFactory factory) {
			return factory.create();
		}

		@Bean
		@ConditionalOnMissingBean
		RedisStorageShutdown chronoTraceRedisStorageShutdown(RedisStorageFactory factory,
				ObjectProvider<AsyncTraceWriter> writer) {
			return new RedisStorageShutdown(factory, writer);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(LettuceMissingCondition.class)
	static class MissingLibraryConfiguration {

		@Bean
		TraceStorageFactory chronoTraceRedisStorageFactory() {
			throw new InvalidConfigurationPropertyValueException("chronotrace.storage", "redis",
					"Redis storage needs Spring Data Redis with Lettuce, which is not on the classpath. Add the "
							+ "dependency org.springframework.boot:spring-boot-starter-data-redis (it brings "
							+ "io.lettuce:lettuce-core).");
		}

	}

	/** Matches when Spring Data Redis or Lettuce is missing, as with Jedis instead of Lettuce. */
	static class LettuceMissingCondition extends SpringBootCondition {

		private static final String[] CLASSES = { "io.lettuce.core.RedisClient",
				"org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory" };

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			for (String name : CLASSES) {
				if (!ClassUtils.isPresent(name, context.getClassLoader())) {
					return ConditionOutcome.match(name + " is missing");
				}
			}
			return ConditionOutcome.noMatch("Spring Data Redis and Lettuce are present");
		}

	}

	/**
	 * Stores the traces still queued before the application's Lettuce connection factory
	 * stops: it stops in the lifecycle phase, before beans are destroyed, and the async writer
	 * drains its queue only when it is destroyed, which would be too late.
	 */
	static final class RedisStorageShutdown implements SmartLifecycle {

		private final RedisStorageFactory factory;

		private final ObjectProvider<AsyncTraceWriter> writer;

		private volatile boolean running;

		RedisStorageShutdown(RedisStorageFactory factory, ObjectProvider<AsyncTraceWriter> writer) {
			this.factory = factory;
			this.writer = writer;
		}

		@Override
		public void start() {
			this.running = true;
		}

		@Override
		public void stop() {
			this.running = false;
			AsyncTraceWriter asyncWriter = this.writer.getIfAvailable();
			if (asyncWriter != null) {
				asyncWriter.close();
			}
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

		/** Just before the connection factory's phase: stopped earlier. */
		@Override
		public int getPhase() {
			int lettuce = this.factory.lettucePhase();
			return (lettuce == Integer.MAX_VALUE) ? lettuce : lettuce + 1;
		}

	}

}
