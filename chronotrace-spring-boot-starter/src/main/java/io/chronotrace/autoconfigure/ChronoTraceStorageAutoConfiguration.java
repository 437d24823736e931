package io.chronotrace.autoconfigure;

import java.nio.file.Path;

import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.TraceStorageException;
import io.chronotrace.core.storage.local.LocalFileSystemTraceStorage;
import io.chronotrace.core.storage.memory.InMemoryTraceStorage;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link TraceStorage} chosen by {@code chronotrace.storage}: {@code local} (the default)
 * or {@code memory}; {@code s3} has its own auto-configuration. An application replaces the
 * storage by declaring its own {@link TraceStorage} bean.
 */
@AutoConfiguration(before = ChronoTraceWriterAutoConfiguration.class)
@ConditionalOnChronoTraceEnabled
@EnableConfigurationProperties(ChronoTraceProperties.class)
public final class ChronoTraceStorageAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "chronotrace.storage", havingValue = "local", matchIfMissing = true)
	static class LocalStorageConfiguration {

		@Bean
		@ConditionalOnMissingBean(TraceStorage.class)
		LocalFileSystemTraceStorage chronoTraceStorage(ChronoTraceProperties properties) {
			Path path = Path.of(properties.getPath());
			try {
				return new LocalFileSystemTraceStorage(path, StorageSettings.compression(properties));
			}
			catch (TraceStorageException ex) {
				throw new InvalidConfigurationPropertyValueException("chronotrace.path", properties.getPath(),
						ex.getMessage() + ". Point chronotrace.path at a directory this application can write to.");
			}
		}

	}

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
