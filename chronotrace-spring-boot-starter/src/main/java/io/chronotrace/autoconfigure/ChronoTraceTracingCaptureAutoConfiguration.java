package io.chronotrace.autoconfigure;

import io.micrometer.tracing.Tracer;

import io.chronotrace.capture.tracing.MicrometerTracingContextResolver;
import io.chronotrace.capture.tracing.TracingContextInterceptor;
import io.chronotrace.web.servlet.TracingContextResolver;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts the Micrometer Tracing trace and span ids of a recorded request into its trace, when the
 * application has a {@link Tracer} bean, so that the trace links to Zipkin, Tempo or Jaeger:
 * an interceptor reads them from the server span, and the recording filter gets them through
 * this configuration's {@link TracingContextResolver}. {@code chronotrace.capture.tracing=false}
 * switches it off; a bean named {@value #CONFIGURER_BEAN_NAME} replaces the interceptor's MVC hook.
 */
@AutoConfiguration(before = ChronoTraceServletAutoConfiguration.class)
@ConditionalOnChronoTraceEnabled
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ Tracer.class, DispatcherServlet.class })
@ConditionalOnBooleanProperty(name = "chronotrace.capture.tracing", matchIfMissing = true)
public final class ChronoTraceTracingCaptureAutoConfiguration {

	/** The name of the {@link WebMvcConfigurer} that adds the tracing context interceptor. */
	public static final String CONFIGURER_BEAN_NAME = "chronoTraceTracingContextConfigurer";

	@Bean(CONFIGURER_BEAN_NAME)
	@ConditionalOnMissingBean(name = CONFIGURER_BEAN_NAME)
	WebMvcConfigurer chronoTraceTracingContextConfigurer(ObjectProvider<Tracer> tracer) {
		TracingContextInterceptor interceptor = new TracingContextInterceptor(tracer);
		return new WebMvcConfigurer() {

			@Override
			public void addInterceptors(InterceptorRegistry registry) {
				registry.addInterceptor(interceptor);
			}

		};
	}

	@Bean
	@ConditionalOnMissingBean
	TracingContextResolver chronoTraceMicrometerTracingContextResolver() {
		return new MicrometerTracingContextResolver();
	}

}
