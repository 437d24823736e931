package io.chronotrace.autoconfigure;

import io.chronotrace.core.storage.TraceStorage;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * The {@link TraceStorage} chosen by {@code chronotrace.storage}, as Spring Boot wires a
 * {@code DataSource}: this one auto-configuration imports one configuration per backend (local
 * folders or segments, memory, S3, JDBC, Redis, tiered), each active when its backend is in use
 * and contributing a {@link TraceStorageFactory} known by the backend's name; the storage is
 * the factory's of {@code chronotrace.storage}. Everything that needs the storage (the writer,
 * the endpoint, health, metrics, the purge) orders itself after this class. An application
 * replaces the storage by declaring its own {@link TraceStorage} bean, and adds a backend that
 * can be a tier by declaring a {@link TraceStorageFactory}.
 */
@AutoConfiguration(afterName = { "io.awspring.cloud.autoconfigure.core.AwsAutoConfiguration",
		"io.awspring.cloud.autoconfigure.s3.S3AutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		"org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration" })
@ConditionalOnChronoTraceEnabled
@EnableConfigurationProperties(ChronoTraceProperties.class)
@Import({ StorageConfigurations.Local.class, StorageConfigurations.Memory.class, S3StorageConfiguration.class,
		JdbcStorageConfiguration.class, RedisStorageConfiguration.class, TieredStorageConfiguration.class })
public final class ChronoTraceStorageAutoConfiguration {

	/** The name of the storage bean. */
	static final String STORAGE_BEAN = "chronoTraceStorage";

	/**
	 * The storage of the backend that {@code chronotrace.storage} names, closed with the
	 * context, after the writer that drains into it.
	 */
	@Bean(STORAGE_BEAN)
	@ConditionalOnMissingBean(TraceStorage.class)
	TraceStorage chronoTraceStorage(ChronoTraceProperties properties, ObjectProvider<TraceStorageFactory> factories,
			Environment environment, ConfigurableListableBeanFactory beanFactory) {
		StorageBackends backends = StorageBackends.of(environment);
		StorageLibraries.check(backends, beanFactory.getBeanClassLoader());
		return TraceStorageFactory.named(factories.orderedStream().toList(), backends.storage(), "chronotrace.storage")
			.create();
	}

}
