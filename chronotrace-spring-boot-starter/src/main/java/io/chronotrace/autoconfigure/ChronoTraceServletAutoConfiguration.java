package io.chronotrace.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

import io.chronotrace.core.recording.CaptureSettings;
import io.chronotrace.core.recording.SpillFolder;
import io.chronotrace.core.scrub.BodyScrubber;
import io.chronotrace.core.scrub.TraceScrubber;
import io.chronotrace.core.write.TraceWriter;
import io.chronotrace.web.servlet.ChronoTraceFilter;
import io.chronotrace.web.servlet.ModeRecordingPolicy;
import io.chronotrace.web.servlet.RecordingPolicy;
import io.chronotrace.web.servlet.RequestEndHook;
import io.chronotrace.web.servlet.RequestEndValve;
import io.chronotrace.web.servlet.TraceAssembler;
import io.chronotrace.web.servlet.TraceRecorder;
import io.chronotrace.web.servlet.TracingContextResolver;
import jakarta.servlet.DispatcherType;
import org.apache.catalina.Valve;

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
@Import(SpillFolderConfiguration.class)
public final class ChronoTraceServletAutoConfiguration {

	/** The name of the filter's registration bean; a bean of that name replaces ours. */
	public static final String FILTER_REGISTRATION_BEAN_NAME = "chronoTraceFilterRegistration";

	/** Ahead of request wrappers and Spring Security (-100), so that 401 and 403 are recorded. */
	public static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	@Bean
	@ConditionalOnMissingBean
	RecordingPolicy chronoTraceRecordingPolicy(ChronoTraceProperties properties, Environment environment) {
		return new ModeRecordingPolicy(WebRecordingSettings.rules(properties, environment));
	}

	@Bean
	@ConditionalOnMissingBean
	TracingContextResolver chronoTraceTracingContextResolver() {
		return TracingContextResolver.traceparent();
	}

	@Bean
	@ConditionalOnMissingBean
	TraceAssembler chronoTraceAssembler(ChronoTraceProperties properties, Environment environment,
			TracingContextResolver tracing) {
		return new TraceAssembler(environment.getProperty("spring.application.name"), tracing,
				properties.getCapture().getMaxStackFrames());
	}

	@Bean
	@ConditionalOnMissingBean
	TraceRecorder chronoTraceRecorder(TraceAssembler assembler, TraceWriter writer,
			ObjectProvider<TraceScrubber> traceScrubber) {
		return new TraceRecorder(assembler, traceScrubber.getIfAvailable(() -> TraceScrubber.NONE), writer);
	}

	@Bean(FILTER_REGISTRATION_BEAN_NAME)
	@ConditionalOnMissingBean(name = FILTER_REGISTRATION_BEAN_NAME)
	FilterRegistrationBean<ChronoTraceFilter> chronoTraceFilterRegistration(ChronoTraceProperties properties,
			RecordingPolicy policy, TraceRecorder recorder, ObjectProvider<BodyScrubber> bodyScrubber,
			SpillFolder spillFolder, ObjectProvider<RequestEndHook> requestEndHook) {
		ChronoTraceProperties.Capture capture = properties.getCapture();
		CaptureSettings settings = WebRecordingSettings.captureSettings(properties, spillFolder);
		ChronoTraceFilter filter = new ChronoTraceFilter(policy, settings,
				bodyScrubber.getIfAvailable(() -> BodyScrubber.NONE), recorder, capture.getMaxEvents(),
				capture.isEvents());
		// two hooks would leave neither sure: the listener then stays
		requestEndHook.ifUnique(filter::setRequestEndHook);
		FilterRegistrationBean<ChronoTraceFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setName("chronoTraceFilter");
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
		registration.setAsyncSupported(true);
		registration.setOrder(FILTER_ORDER);
		return registration;
	}

	/**
	 * On embedded Tomcat, requests are followed to their end by a valve rather than by a request
	 * listener, which would cost every request of the application an event per attribute.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Valve.class, TomcatServletWebServerFactory.class })
	static class TomcatRequestEndConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RequestEndValve chronoTraceRequestEndValve(TraceRecorder recorder) {
			return new RequestEndValve(recorder);
		}

		@Bean
		WebServerFactoryCustomizer<TomcatServletWebServerFactory> chronoTraceRequestEndValveCustomizer(
				RequestEndValve valve) {
			return valve::installIn;
		}

	}

}
