package io.chronotrace.autoconfigure;

import io.chronotrace.core.storage.TraceStorage;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Checks that the backend named by {@code chronotrace.storage} has its client library, unless
 * the application brings its own {@link TraceStorage}; see {@link StorageLibraries}.
 */
@AutoConfiguration(before = ChronoTraceWriterAutoConfiguration.class)
@ConditionalOnChronoTraceEnabled
public final class ChronoTraceStorageLibrariesAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean({ StorageLibraries.class, TraceStorage.class })
	static StorageLibraries chronoTraceStorageLibraries(Environment environment) {
		return new StorageLibraries(environment);
	}

}
