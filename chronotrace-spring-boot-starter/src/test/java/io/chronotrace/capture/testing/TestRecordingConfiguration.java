package io.chronotrace.capture.testing;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Registers the {@link TestRecordingFilter}, with the event bound of
 * {@code chronotrace.capture.max-events}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestRecordingConfiguration {

	@Bean
	TestRecordingFilter testRecordingFilter(Environment environment) {
		return new TestRecordingFilter(environment.getProperty("chronotrace.capture.max-events", Integer.class, 1000));
	}

	@Bean
	FilterRegistrationBean<TestRecordingFilter> testRecordingFilterRegistration(TestRecordingFilter filter) {
		FilterRegistrationBean<TestRecordingFilter> registration = new FilterRegistrationBean<>(filter);
		// innermost: when the recording filter exists, this one still collects the events
		registration.setOrder(Ordered.LOWEST_PRECEDENCE);
		return registration;
	}

}
