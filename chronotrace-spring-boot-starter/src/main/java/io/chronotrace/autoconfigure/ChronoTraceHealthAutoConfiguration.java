package io.chronotrace.autoconfigure;

import io.chronotrace.actuate.health.ChronoTraceHealthIndicator;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.write.AsyncTraceWriter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code chronotrace} health indicator, when Spring Boot's health support is present and
 * {@code management.health.chronotrace.enabled} is not false.
 */
@AutoConfiguration(after = { ChronoTraceStorageAutoConfiguration.class, ChronoTraceWriterAutoConfiguration.class })
@ConditionalOnChronoTraceEnabled
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(TraceStorage.class)
@ConditionalOnEnabledHealthIndicator("chronotrace")
@EnableConfigurationProperties(ChronoTraceProperties.class)
public final class ChronoTraceHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "chronotraceHealthIndicator")
	ChronoTraceHealthIndicator chronotraceHealthIndicator(TraceStorage storage,
			ObjectProvider<AsyncTraceWriter> writer, ChronoTraceProperties properties) {
		return new ChronoTraceHealthIndicator(storage, writer.getIfAvailable(),
				properties.getHealth().isWriteProbe());
	}

}
