package io.chronotrace.autoconfigure;

import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.write.AsyncTraceWriter;
import io.chronotrace.core.write.CompositeTraceWriterListener;
import io.chronotrace.core.write.StoringTraceWriter;
import io.chronotrace.core.write.TraceWriter;
import io.chronotrace.core.write.TraceWriterListener;
import io.chronotrace.core.write.WriterSettings;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The {@link TraceWriter} that gets recorded traces into the {@link TraceStorage}: through a
 * bounded queue and background threads ({@code chronotrace.async-storage}, the default), or at
 * once on the request thread. The async writer is closed, and its queue drained, when the
 * context closes, after the web server has stopped taking requests.
 */
@AutoConfiguration(after = ChronoTraceStorageAutoConfiguration.class)
@ConditionalOnChronoTraceEnabled
@ConditionalOnBean(TraceStorage.class)
@EnableConfigurationProperties(ChronoTraceProperties.class)
public final class ChronoTraceWriterAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean(TraceWriter.class)
	@ConditionalOnBooleanProperty(name = "chronotrace.async-storage",
			matchIfMissing = true)
	AsyncTraceWriter chronoTraceWriter(TraceStorage storage, ChronoTraceProperties properties,
			ObjectProvider<TraceWriterListener> listeners) {
		TraceWriterListener listener = CompositeTraceWriterListener.of(listeners.orderedStream().toList());
		WriterSettings settings = new WriterSettings(properties.getQueueCapacity(),
				properties.getQueueMemoryLimit().toBytes(), properties.effectiveWriterThreads(),
				WriterSettings.QueueFallback.valueOf(properties.getQueueFallback().name()),
				properties.getShutdownTimeout());
		return new AsyncTraceWriter(new StoringTraceWriter(storage, listener), settings, listener);
	}

	@Bean
	@ConditionalOnMissingBean(TraceWriter.class)
	@ConditionalOnBooleanProperty(name = "chronotrace.async-storage",
			havingValue = false)
	StoringTraceWriter chronoTraceSynchronousWriter(TraceStorage storage,
			ObjectProvider<TraceWriterListener> listeners) {
		return new StoringTraceWriter(storage, CompositeTraceWriterListener.of(listeners.orderedStream().toList()));
	}

}
