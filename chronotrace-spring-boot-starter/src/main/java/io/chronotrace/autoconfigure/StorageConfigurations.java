package io.chronotrace.autoconfigure;

import java.nio.file.Path;

import io.chronotrace.core.storage.LayoutMismatchException;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.UnusableLocationException;
import io.chronotrace.core.storage.local.LocalFileSystemTraceStorage;
import io.chronotrace.core.storage.memory.InMemoryTraceStorage;
import io.chronotrace.core.storage.segment.SegmentSettings;
import io.chronotrace.core.storage.segment.SegmentTraceStorage;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The configurations of the backends that need no library: local storage under
 * {@code chronotrace.path} in the {@code chronotrace.layout}, and memory.
 */
final class StorageConfigurations {

	private StorageConfigurations() {
	}

	/**
	 * Local storage under {@code chronotrace.path}: the folder layout
	 * ({@link LocalFileSystemTraceStorage}) or segments ({@link SegmentTraceStorage}).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnStorageBackend("local")
	@ConditionalOnMissingBean(TraceStorage.class)
	static class Local {

		@Bean
		@ConditionalOnMissingBean(name = "chronoTraceLocalStorageFactory")
		TraceStorageFactory chronoTraceLocalStorageFactory(ChronoTraceProperties properties) {
			return TraceStorageFactory.of("local", () -> local(properties));
		}

		private static TraceStorage local(ChronoTraceProperties properties) {
			Path path = Path.of(properties.getPath());
			try {
				if (properties.getLayout() == ChronoTraceProperties.Layout.SEGMENTS) {
					return SegmentTraceStorage.open(path,
							SegmentSettings.DEFAULT.withCompression(properties.getCompression().isEnabled()));
				}
				return new LocalFileSystemTraceStorage(path, StorageSettings.compression(properties));
			}
			catch (LayoutMismatchException ex) {
				throw new InvalidConfigurationPropertyValueException("chronotrace.layout", ex.getExpected(),
						ex.getMessage() + ". Set chronotrace.layout=" + ex.getFound()
								+ " to read them, or give the " + ex.getExpected() + " layout another chronotrace.path.");
			}
			catch (UnusableLocationException ex) {
				throw new InvalidConfigurationPropertyValueException("chronotrace.path", properties.getPath(),
						ex.getMessage() + (ex.isInUse() ? ". Give each instance its own chronotrace.path."
								: ". Point chronotrace.path at a directory this application can write to."));
			}
		}

	}

	/** The newest {@code chronotrace.memory.capacity} traces in memory. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnStorageBackend("memory")
	@ConditionalOnMissingBean(TraceStorage.class)
	static class Memory {

		@Bean
		@ConditionalOnMissingBean(name = "chronoTraceMemoryStorageFactory")
		TraceStorageFactory chronoTraceMemoryStorageFactory(ChronoTraceProperties properties) {
			return TraceStorageFactory.of("memory", () -> new InMemoryTraceStorage(properties.getMemory().getCapacity()));
		}

	}

}
