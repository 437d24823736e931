package io.chronotrace.autoconfigure;

import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.memory.InMemoryTraceStorage;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link TraceStorage} chosen by {@code chronotrace.storage}: {@code local} (the default)
 * or {@code memory}; {@code s3} has its own auto-configuration. An application replaces the
 * storage by declaring its own {@link TraceStorage} bean.
 */
@AutoConfiguration
@ConditionalOnChronoTraceEnabled
@EnableConfigurationProperties(ChronoTraceProperties.class)
public final class ChronoTraceStorageAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "chronotrace.storage", havingValue = "memory")
	static class MemoryStorageConfiguration {

		@Bean
		@ConditionalOnMissingBean(TraceStorage.class)
		InMemoryTraceStorage chronoTraceStorage(ChronoTraceProperties properties) {
			return new InMemoryTraceStorage(properties.getMemory().getCapacity());
		}

	}

}
