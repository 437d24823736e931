package io.chronotrace.autoconfigure;

import java.util.List;

import io.micrometer.context.ContextRegistry;
import reactor.core.publisher.Hooks;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.server.WebExceptionHandler;
import org.springframework.web.server.WebFilter;

import io.chronotrace.core.recording.SpillFolder;
import io.chronotrace.core.scrub.BodyScrubber;
import io.chronotrace.core.scrub.TraceScrubber;
import io.chronotrace.core.write.TraceWriter;
import io.chronotrace.web.TraceSink;
import io.chronotrace.web.reactive.ChronoTraceWebFilter;
import io.chronotrace.web.reactive.ReactiveRecordingPolicy;
import io.chronotrace.web.reactive.ReactiveTraceRecorder;
import io.chronotrace.web.reactive.TraceThreadLocalAccessor;

/**
 * Records the HTTP exchanges of a WebFlux application: the {@link ChronoTraceWebFilter}, with the
 * modes, capture settings, scrubbers and writer the servlet filter uses, once a
 * {@link TraceWriter} exists to take the traces. The trace travels in Reactor's context: the
 * {@link TraceThreadLocalAccessor} is registered with Micrometer's context propagation and
 * Reactor's automatic context propagation is turned on (as {@code spring.reactor.context-propagation=auto}
 * does), so that capture code finds the trace on whatever thread an operator runs.
 */
@AutoConfiguration(after = { ChronoTraceWriterAutoConfiguration.class, ChronoTraceScrubAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ WebFilter.class, Hooks.class, ContextRegistry.class })
@ConditionalOnChronoTraceEnabled
@ConditionalOnBean(TraceWriter.class)
@EnableConfigurationProperties(ChronoTraceProperties.class)
@Import(SpillFolderConfiguration.class)
public final class ChronoTraceWebFluxAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ReactiveRecordingPolicy chronoTraceReactiveRecordingPolicy(ChronoTraceProperties properties,
			Environment environment) {
		return ReactiveRecordingPolicy.of(WebRecordingSettings.rules(properties, environment));
	}

	@Bean
	@ConditionalOnMissingBean
	ReactiveTraceRecorder chronoTraceReactiveRecorder(ChronoTraceProperties properties, Environment environment,
			TraceWriter writer, ObjectProvider<TraceScrubber> traceScrubber) {
		return new ReactiveTraceRecorder(environment.getProperty("spring.application.name"),
				properties.getCapture().getMaxStackFrames(),
				new TraceSink(traceScrubber.getIfAvailable(() -> TraceScrubber.NONE), writer));
	}

	@Bean
	TraceThreadLocalAccessor chronoTraceThreadLocalAccessor() {
		TraceThreadLocalAccessor accessor = new TraceThreadLocalAccessor();
		ContextRegistry.getInstance().registerThreadLocalAccessor(accessor);
		Hooks.enableAutomaticContextPropagation();
		return accessor;
	}

	@Bean
	@ConditionalOnMissingBean
	ChronoTraceWebFilter chronoTraceWebFilter(ChronoTraceProperties properties, ReactiveRecordingPolicy policy,
			ReactiveTraceRecorder recorder, ObjectProvider<BodyScrubber> bodyScrubber,
			ObjectProvider<WebExceptionHandler> exceptionHandlers, TraceThreadLocalAccessor accessor,
			SpillFolder spillFolder) {
		ChronoTraceProperties.Capture capture = properties.getCapture();
		// looked up on the first failure: the handlers may depend on beans created after the filter
		SingletonSupplier<List<WebExceptionHandler>> handlers = SingletonSupplier
			.of(() -> exceptionHandlers.orderedStream().toList());
		return new ChronoTraceWebFilter(policy, WebRecordingSettings.captureSettings(properties, spillFolder),
				bodyScrubber.getIfAvailable(() -> BodyScrubber.NONE), recorder, capture.getMaxEvents(),
				capture.isEvents(), handlers);
	}

}
