package io.chronotrace.autoconfigure;

import io.chronotrace.capture.exceptions.EscapedExceptionInterceptor;
import io.chronotrace.capture.exceptions.ExceptionCaptureResolver;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Captures the exceptions Spring MVC handlers of recorded requests throw, whether a resolver
 * (an {@code @ExceptionHandler}, a {@code ResponseStatusException}...) handled them or they
 * escaped, as events with at most {@code chronotrace.capture.max-stack-frames} frames.
 * {@code chronotrace.capture.exceptions=false} switches it off; a bean named
 * {@value #CONFIGURER_BEAN_NAME} replaces the MVC hook that tells escaped exceptions apart.
 */
@AutoConfiguration
@ConditionalOnChronoTraceEnabled
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBooleanProperty(name = "chronotrace.capture.exceptions", matchIfMissing = true)
@EnableConfigurationProperties(ChronoTraceProperties.class)
public final class ChronoTraceExceptionCaptureAutoConfiguration {

	/** The name of the {@link WebMvcConfigurer} that adds the escaped-exception interceptor. */
	public static final String CONFIGURER_BEAN_NAME = "chronoTraceEscapedExceptionConfigurer";

	@Bean
	@ConditionalOnMissingBean
	ExceptionCaptureResolver chronoTraceExceptionCaptureResolver(ChronoTraceProperties properties) {
		return new ExceptionCaptureResolver(properties.getCapture().getMaxStackFrames());
	}

	@Bean(CONFIGURER_BEAN_NAME)
	@ConditionalOnMissingBean(name = CONFIGURER_BEAN_NAME)
	WebMvcConfigurer chronoTraceEscapedExceptionConfigurer() {
		return new WebMvcConfigurer() {

			@Override
			public void addInterceptors(InterceptorRegistry registry) {
				registry.addInterceptor(new EscapedExceptionInterceptor());
			}

		};
	}

}
