package io.chronotrace.autoconfigure;

import io.chronotrace.core.storage.TraceStorage;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Logs, once per application context, the line that says ChronoTrace is on and where traces
 * go, and warns about configurations that lose traces ({@link StartupReport}).
 */
@AutoConfiguration(after = { ChronoTraceStorageAutoConfiguration.class, ChronoTraceWriterAutoConfiguration.class })
@ConditionalOnChronoTraceEnabled
@EnableConfigurationProperties(ChronoTraceProperties.class)
public final class ChronoTraceStartupReportAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	StartupReport chronoTraceStartupReport(ChronoTraceProperties properties, Environment environment,
			ObjectProvider<TraceStorage> storage) {
		return new StartupReport(properties, environment, storage);
	}

}
