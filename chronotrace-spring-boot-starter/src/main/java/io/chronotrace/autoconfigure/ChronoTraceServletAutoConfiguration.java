package io.chronotrace.autoconfigure;

import java.nio.file.Path;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

import io.chronotrace.core.recording.CaptureSettings;
import io.chronotrace.core.scrub.BodyScrubber;
import io.chronotrace.core.scrub.TraceScrubber;
import io.chronotrace.core.write.TraceWriter;
import io.chronotrace.web.servlet.ChronoTraceFilter;
import io.chronotrace.web.servlet.ModeRecordingPolicy;
import io.chronotrace.web.servlet.RecordingPolicy;
import io.chronotrace.web.servlet.TraceAssembler;
import io.chronotrace.web.servlet.TraceRecorder;
import io.chronotrace.web.servlet.TracingContextResolver;
import jakarta.servlet.DispatcherType;

/**
 * Records the HTTP exchanges of a servlet application: registers the {@link ChronoTraceFilter}
 * for request and async dispatches, ahead of security, once a {@link TraceWriter} exists to take
 * the traces.
 */
@AutoConfiguration(after = ChronoTraceWriterAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnChronoTraceEnabled
@ConditionalOnBean(TraceWriter.class)
@EnableConfigurationProperties(ChronoTraceProperties.class)
public final class ChronoTraceServletAutoConfiguration {

	/** The name of the filter's registration bean; a bean of that name replaces ours. */
	public static final String FILTER_REGISTRATION_BEAN_NAME = "chronoTraceFilterRegistration";

	/** Ahead of request wrappers and Spring Security (-100), so that 401 and 403 are recorded. */
	public static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	@Bean
	@ConditionalOnMissingBean
	RecordingPolicy chronoTraceRecordingPolicy(ChronoTraceProperties properties, Environment environment) {
		List<String> excludes = properties.getExclude();
		if (excludes == null) {
			String actuatorBasePath = Binder.get(environment)
				.bind("management.endpoints.web.base-path", String.class)
				.orElse("/actuator");
			excludes = ModeRecordingPolicy.defaultExcludes(actuatorBasePath);
		}
		return switch (properties.getMode()) {
			case ALWAYS -> ModeRecordingPolicy.always(excludes);
			case SAMPLE -> ModeRecordingPolicy.sampled(properties.getSampleRate(), excludes);
			case RECORD_ON_ERROR -> ModeRecordingPolicy.onError(excludes);
			case TARGETED -> ModeRecordingPolicy.targeted(properties.getTargets().getRoutes(), excludes);
		};
	}

	@Bean
	@ConditionalOnMissingBean
	TracingContextResolver chronoTraceTracingContextResolver() {
		return TracingContextResolver.traceparent();
	}

	@Bean(FILTER_REGISTRATION_BEAN_NAME)
	@ConditionalOnMissingBean(name = FILTER_REGISTRATION_BEAN_NAME)
	FilterRegistrationBean<ChronoTraceFilter> chronoTraceFilterRegistration(ChronoTraceProperties properties,
			Environment environment, RecordingPolicy policy, TracingContextResolver tracing, TraceWriter writer,
			ObjectProvider<TraceScrubber> traceScrubber, ObjectProvider<BodyScrubber> bodyScrubber) {
		ChronoTraceProperties.Capture capture = properties.getCapture();
		CaptureSettings settings = new CaptureSettings(capture.getMaxBodySize().toBytes(),
				properties.getCompression().getMaxPayloadSize().toBytes(),
				Path.of(System.getProperty("java.io.tmpdir"), "chronotrace"), capture.isRequest(),
				capture.isResponse(), capture.isBinaryBodies());
		TraceAssembler assembler = new TraceAssembler(environment.getProperty("spring.application.name"), tracing,
				capture.getMaxStackFrames());
		TraceRecorder recorder = new TraceRecorder(assembler, traceScrubber.getIfAvailable(() -> TraceScrubber.NONE),
				writer);
		ChronoTraceFilter filter = new ChronoTraceFilter(policy, settings,
				bodyScrubber.getIfAvailable(() -> BodyScrubber.NONE), recorder, capture.getMaxEvents());
		FilterRegistrationBean<ChronoTraceFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setName("chronoTraceFilter");
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
		registration.setAsyncSupported(true);
		registration.setOrder(FILTER_ORDER);
		return registration;
	}

}
