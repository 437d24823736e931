package io.chronotrace.autoconfigure;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
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
import io.chronotrace.core.recording.SpillFolder;
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

	/** The name of the spill folder's bean. */
	static final String SPILL_FOLDER_BEAN_NAME = "chronoTraceSpillFolder";

	/** Ahead of request wrappers and Spring Security (-100), so that 401 and 403 are recorded. */
	public static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	@Bean
	@ConditionalOnMissingBean
	RecordingPolicy chronoTraceRecordingPolicy(ChronoTraceProperties properties, Environment environment) {
		List<String> excludes = excludes(properties, environment);
		return switch (properties.getMode()) {
			case ALWAYS -> ModeRecordingPolicy.always(excludes);
			case SAMPLE -> ModeRecordingPolicy.sampled(properties.getSampleRate(), excludes);
			case RECORD_ON_ERROR -> ModeRecordingPolicy.onError(excludes);
			case TARGETED -> ModeRecordingPolicy.targeted(properties.getTargets().getRoutes(), excludes);
		};
	}

	/**
	 * The paths never recorded: the defaults (the actuator base path and static resources)
	 * unless {@code exclude-defaults} is off, plus {@code exclude}.
	 */
	static List<String> excludes(ChronoTraceProperties properties, Environment environment) {
		List<String> excludes = new ArrayList<>();
		if (properties.isExcludeDefaults()) {
			String actuatorBasePath = Binder.get(environment)
				.bind("management.endpoints.web.base-path", String.class)
				.orElse("/actuator");
			excludes.addAll(ModeRecordingPolicy.defaultExcludes(actuatorBasePath));
		}
		excludes.addAll(properties.getExclude());
		return excludes;
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

	/**
	 * The folder of spilled bodies: {@code chronotrace.capture.spill-path} as given, or a folder
	 * private to this process, deleted when the context closes. Trace writers are closed first:
	 * the async writer's queue holds traces whose attachments are files in it.
	 */
	@Bean(name = SPILL_FOLDER_BEAN_NAME, destroyMethod = "close")
	@ConditionalOnMissingBean
	SpillFolder chronoTraceSpillFolder(ChronoTraceProperties properties, ConfigurableListableBeanFactory beanFactory) {
		String path = properties.getCapture().getSpillPath();
		SpillFolder folder = (path != null && !path.isBlank()) ? SpillFolder.of(Path.of(path.trim()))
				: SpillFolder.createPrivate();
		for (String writer : beanFactory.getBeanNamesForType(TraceWriter.class, false, false)) {
			beanFactory.registerDependentBean(SPILL_FOLDER_BEAN_NAME, writer);
		}
		return folder;
	}

	@Bean(FILTER_REGISTRATION_BEAN_NAME)
	@ConditionalOnMissingBean(name = FILTER_REGISTRATION_BEAN_NAME)
	FilterRegistrationBean<ChronoTraceFilter> chronoTraceFilterRegistration(ChronoTraceProperties properties,
			RecordingPolicy policy, TraceRecorder recorder, ObjectProvider<BodyScrubber> bodyScrubber,
			SpillFolder spillFolder) {
		ChronoTraceProperties.Capture capture = properties.getCapture();
		CaptureSettings settings = new CaptureSettings(capture.getMaxBodySize().toBytes(),
				properties.getCompression().getMaxPayloadSize().toBytes(), spillFolder.path(), capture.isRequest(),
				capture.isResponse(), capture.isBinaryBodies());
		ChronoTraceFilter filter = new ChronoTraceFilter(policy, settings,
				bodyScrubber.getIfAvailable(() -> BodyScrubber.NONE), recorder, capture.getMaxEvents(),
				capture.isEvents());
		FilterRegistrationBean<ChronoTraceFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setName("chronoTraceFilter");
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
		registration.setAsyncSupported(true);
		registration.setOrder(FILTER_ORDER);
		return registration;
	}

}
