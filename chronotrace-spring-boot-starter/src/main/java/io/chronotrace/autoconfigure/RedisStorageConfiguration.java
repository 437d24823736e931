package io.chronotrace.autoconfigure;

import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.write.AsyncTraceWriter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * The Redis backend ({@code chronotrace.storage=redis}, or a tier of {@code storage: tiered}): a
 * {@link io.chronotrace.core.storage.redis.RedisTraceStorage} over the application's Lettuce connection, with
 * {@code chronotrace.redis.*}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnStorageBackend("redis")
@ConditionalOnMissingBean(TraceStorage.class)
@EnableConfigurationProperties(ChronoTraceRedisProperties.class)
class RedisStorageConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean(name = "chronoTraceRedisStorageFactory")
	RedisStorageFactory chronoTraceRedisStorageFactory(ChronoTraceProperties properties, ChronoTraceRedisProperties redis,
			ObjectProvider<RedisConnectionFactory> connectionFactories) {
		return new RedisStorageFactory(properties, redis, connectionFactories);
	}

	@Bean
	@ConditionalOnMissingBean
	RedisStorageShutdown chronoTraceRedisStorageShutdown(RedisStorageFactory factory,
			ObjectProvider<AsyncTraceWriter> writer) {
		return new RedisStorageShutdown(factory, writer);
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
