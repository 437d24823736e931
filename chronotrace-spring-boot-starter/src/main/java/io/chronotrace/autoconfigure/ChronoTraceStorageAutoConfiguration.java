package io.chronotrace.autoconfigure;

import java.nio.file.Path;
import java.util.Locale;

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
 * in the {@code chronotrace.layout} of folders or segments) or {@code memory}; {@code s3},
 * {@code jdbc}, {@code redis} and {@code tiered} have their own auto-configurations. Each
 * backend in use, as the storage or as a tier, contributes a {@link TraceStorageFactory}. An
 * application replaces the storage by declaring its own {@link TraceStorage} bean.
 */
@AutoConfiguration(before = ChronoTraceWriterAutoConfiguration.class)
@ConditionalOnChronoTraceEnabled
@EnableConfigurationProperties(ChronoTraceProperties.class)
public final class ChronoTraceStorageAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnStorageBackend(ChronoTraceProperties.StorageType.LOCAL)
	static class LocalStorageConfiguration {

		@Bean
		@ConditionalOnMissingBean
		LocalStorageFactory chronoTraceLocalStorageFactory(ChronoTraceProperties properties) {
			return new LocalStorageFactory(properties);
		}

		@Bean
		@ConditionalOnProperty(name = "chronotrace.storage", havingValue = "local", matchIfMissing = true)
		@ConditionalOnMissingBean(TraceStorage.class)
		TraceStorage chronoTraceStorage(LocalStorageFactory factory) {
			return factory.create();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnStorageBackend(ChronoTraceProperties.StorageType.MEMORY)
	static class MemoryStorageConfiguration {

		@Bean
		@ConditionalOnMissingBean
		MemoryStorageFactory chronoTraceMemoryStorageFactory(ChronoTraceProperties properties) {
			return new MemoryStorageFactory(properties);
		}

		@Bean
		@ConditionalOnProperty(name = "chronotrace.storage", havingValue = "memory")
		@ConditionalOnMissingBean(TraceStorage.class)
		InMemoryTraceStorage chronoTraceStorage(MemoryStorageFactory factory) {
			return factory.create();
		}

	}

	/**
	 * Local storage under {@code chronotrace.path}, in the {@code chronotrace.layout}: the
	 * folder layout ({@link LocalFileSystemTraceStorage}) or segments ({@link SegmentTraceStorage}).
	 */
	static final class LocalStorageFactory implements TraceStorageFactory {

		private final ChronoTraceProperties properties;

		LocalStorageFactory(ChronoTraceProperties properties) {
			this.properties = properties;
		}

		@Override
		public ChronoTraceProperties.StorageType type() {
			return ChronoTraceProperties.StorageType.LOCAL;
		}

		@Override
		public TraceStorage create() {
			Path path = Path.of(this.properties.getPath());
			try {
				if (this.properties.getLayout() == ChronoTraceProperties.Layout.SEGMENTS) {
					return SegmentTraceStorage.open(path,
							SegmentSettings.DEFAULT.withCompression(this.properties.getCompression().isEnabled()));
				}
				return new LocalFileSystemTraceStorage(path, StorageSettings.compression(this.properties));
			}
			catch (TraceStorageException ex) {
				throw invalid(this.properties, ex);
			}
		}

		/** A layout mismatch names chronotrace.layout; anything else is about the directory. */
		private static InvalidConfigurationPropertyValueException invalid(ChronoTraceProperties properties,
				TraceStorageException ex) {
			String message = String.valueOf(ex.getMessage());
			if (message.contains("chronotrace.layout")) {
				return new InvalidConfigurationPropertyValueException("chronotrace.layout",
						properties.getLayout().name().toLowerCase(Locale.ROOT), message);
			}
			return new InvalidConfigurationPropertyValueException("chronotrace.path", properties.getPath(),
					message + ". Point chronotrace.path at a directory this application can write to.");
		}

	}

	/** The newest {@code chronotrace.memory.capacity} traces in memory. */
	static final class MemoryStorageFactory implements TraceStorageFactory {

		private final ChronoTraceProperties properties;

		MemoryStorageFactory(ChronoTraceProperties properties) {
			this.properties = properties;
		}

		@Override
		public ChronoTraceProperties.StorageType type() {
			return ChronoTraceProperties.StorageType.MEMORY;
		}

		@Override
		public InMemoryTraceStorage create() {
			return new InMemoryTraceStorage(this.properties.getMemory().getCapacity());
		}

	}

}
