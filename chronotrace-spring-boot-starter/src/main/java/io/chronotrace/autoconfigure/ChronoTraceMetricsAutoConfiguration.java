package io.chronotrace.autoconfigure;

import io.chronotrace.actuate.metrics.MicrometerTraceWriterListener;
import io.chronotrace.actuate.metrics.SpoolMetrics;
import io.chronotrace.actuate.metrics.TraceQueueMetrics;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.write.AsyncTraceWriter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer metrics of recording and storage, when a {@link MeterRegistry} is present.
 */
@AutoConfiguration(after = ChronoTraceStorageAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration" })
@ConditionalOnChronoTraceEnabled
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
public final class ChronoTraceMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MicrometerTraceWriterListener chronoTraceWriterMetrics(MeterRegistry registry) {
		return new MicrometerTraceWriterListener(registry);
	}

	@Bean
	@ConditionalOnMissingBean
	SpoolMetrics chronoTraceSpoolMetrics(ObjectProvider<TraceStorage> storage) {
		return new SpoolMetrics(storage);
	}

	@Bean
	@ConditionalOnMissingBean
	TraceQueueMetrics chronoTraceQueueMetrics(ObjectProvider<AsyncTraceWriter> writer) {
		return new TraceQueueMetrics(writer);
	}

}
