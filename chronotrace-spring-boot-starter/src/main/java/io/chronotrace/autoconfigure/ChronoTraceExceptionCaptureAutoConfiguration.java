package io.chronotrace.autoconfigure;

import io.chronotrace.capture.exceptions.EscapedExceptionInterceptor;
import io.chronotrace.capture.exceptions.ExceptionCaptureResolver;

import org.springframework.boot.autoconfigure.AutoConfiguration;
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
 */
@AutoConfiguration
@ConditionalOnChronoTraceEnabled
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@EnableConfigurationProperties(ChronoTraceProperties.class)
public final class ChronoTraceExceptionCaptureAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ExceptionCaptureResolver chronoTraceExceptionCaptureResolver(ChronoTraceProperties properties) {
		return new ExceptionCaptureResolver(properties.getCapture().getMaxStackFrames());
	}

	@Bean
	WebMvcConfigurer chronoTraceEscapedExceptionConfigurer() {
		return new WebMvcConfigurer() {

			@Override
			public void addInterceptors(InterceptorRegistry registry) {
				registry.addInterceptor(new EscapedExceptionInterceptor());
			}

		};
	}

}
