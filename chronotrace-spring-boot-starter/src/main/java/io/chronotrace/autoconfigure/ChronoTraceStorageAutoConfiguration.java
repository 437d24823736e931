package io.chronotrace.autoconfigure;

import java.nio.file.Path;

import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.TraceStorageException;
import io.chronotrace.core.storage.local.LocalFileSystemTraceStorage;
import io.chronotrace.core.storage.memory.InMemoryTraceStorage;
import io.chronotrace.core.storage.segment.SegmentSettings;
import io.chronotrace.core.storage.segment.SegmentTraceStorage;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link TraceStorage} chosen by {@code chronotrace.storage}: {@code local} (the default,
 * in the {@code chronotrace.layout} of folders or segments) or {@code memory}; {@code s3} has its own auto-configuration. An application replaces the
 * storage by declaring its own {@link TraceStorage} bean.
 */
@AutoConfiguration
@ConditionalOnChronoTraceEnabled
@EnableConfigurationProperties(ChronoTraceProperties.class)
public final class ChronoTraceStorageAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "chronotrace.storage", havingValue = "local", matchIfMissing = true)
	@ConditionalOnProperty(name = "chronotrace.layout", havingValue = "folders", matchIfMissing = true)
	static class LocalStorageConfiguration {

		@Bean
		@ConditionalOnMissingBean(TraceStorage.class)
		LocalFileSystemTraceStorage chronoTraceStorage(ChronoTraceProperties properties) {
			Path path = Path.of(properties.getPath());
			try {
				return new LocalFileSystemTraceStorage(path, StorageSettings.compression(properties));
			}
			catch (TraceStorageException ex) {
				throw invalid(properties, ex);
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "chronotrace.storage", havingValue = "local", matchIfMissing = true)
	@ConditionalOnProperty(name = "chronotrace.layout", havingValue = "segments")
	static class SegmentStorageConfiguration {

		@Bean
		@ConditionalOnMissingBean(TraceStorage.class)
		SegmentTraceStorage chronoTraceStorage(ChronoTraceProperties properties) {
			Path path = Path.of(properties.getPath());
			try {
				return SegmentTraceStorage.open(path,
						SegmentSettings.DEFAULT.withCompression(properties.getCompression().isEnabled()));
			}
			catch (TraceStorageException ex) {
				throw invalid(properties, ex);
			}
		}

	}

	/** A layout mismatch names chronotrace.layout; anything else is about the directory. */
	private static InvalidConfigurationPropertyValueException invalid(ChronoTraceProperties properties,
			TraceStorageException ex) {
		String message = String.valueOf(ex.getMessage());
		if (message.contains("chronotrace.layout")) {
			return new InvalidConfigurationPropertyValueException("chronotrace.layout",
					properties.getLayout().name().toLowerCase(java.util.Locale.ROOT), message);
		}
		return new InvalidConfigurationPropertyValueException("chronotrace.path", properties.getPath(),
				message + ". Point chronotrace.path at a directory this application can write to.");
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
