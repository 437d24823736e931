package io.chronotrace.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import io.chronotrace.core.write.TraceWriter;
import io.chronotrace.web.servlet.ChronoTraceFilter;
import io.chronotrace.web.servlet.RecordingPolicy;
import io.chronotrace.web.servlet.TracingContextResolver;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;

import static org.assertj.core.api.Assertions.assertThat;

class ChronoTraceServletAutoConfigurationTests {

	private static final String REGISTRATION = ChronoTraceServletAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME;

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ChronoTraceServletAutoConfiguration.class))
		.withUserConfiguration(WriterConfiguration.class);

	@Test
	void registersTheFilterForRequestAsyncAndErrorDispatchesAheadOfSecurity() {
		this.runner.run((context) -> {
			assertThat(context).hasBean(REGISTRATION).hasSingleBean(RecordingPolicy.class);
			FilterRegistrationBean<?> registration = context.getBean(REGISTRATION, FilterRegistrationBean.class);
			assertThat(registration.getFilter()).isInstanceOf(ChronoTraceFilter.class);
			assertThat(registration.determineDispatcherTypes()).containsExactlyInAnyOrder(DispatcherType.REQUEST,
					DispatcherType.ASYNC, DispatcherType.ERROR);
			assertThat(registration.getOrder()).isEqualTo(Ordered.HIGHEST_PRECEDENCE + 10)
				.isLessThan(-100 /* SecurityProperties.DEFAULT_FILTER_ORDER */);
			assertThat(registration.isAsyncSupported()).isTrue();
		});
	}

	@Test
	void registersNothingWhenDisabled() {
		this.runner.withPropertyValues("chronotrace.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(REGISTRATION)
				.doesNotHaveBean(RecordingPolicy.class));
	}

	@Test
	void registersNothingInAnApplicationThatIsNotAServletWebApplication() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ChronoTraceServletAutoConfiguration.class))
			.withUserConfiguration(WriterConfiguration.class)
			.run((context) -> assertThat(context).doesNotHaveBean(REGISTRATION));
	}

	@Test
	void registersNothingWithoutATraceWriter() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ChronoTraceServletAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(REGISTRATION));
	}

	@Test
	void usersRecordingPolicyMakesOursBackOff() {
		this.runner.withUserConfiguration(PolicyConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(RecordingPolicy.class).hasBean("myPolicy").hasBean(REGISTRATION);
		});
	}

	@Test
	void usersTracingContextResolverMakesOursBackOff() {
		this.runner.withBean("myResolver", TracingContextResolver.class, () -> (request) -> null)
			.run((context) -> assertThat(context).hasSingleBean(TracingContextResolver.class).hasBean("myResolver"));
	}

	@Test
	void usersFilterRegistrationOfTheSameNameMakesOursBackOff() {
		this.runner.withUserConfiguration(RegistrationConfiguration.class).run((context) -> {
			FilterRegistrationBean<?> registration = context.getBean(REGISTRATION, FilterRegistrationBean.class);
			assertThat(registration.getFilter()).isNotInstanceOf(ChronoTraceFilter.class);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class WriterConfiguration {

		@Bean
		TraceWriter traceWriter() {
			return (trace) -> {
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PolicyConfiguration {

		@Bean
		RecordingPolicy myPolicy() {
			return (request) -> RecordingPolicy.Decision.SKIP;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RegistrationConfiguration {

		@Bean(ChronoTraceServletAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME)
		FilterRegistrationBean<Filter> myRegistration() {
			return new FilterRegistrationBean<>((request, response, chain) -> chain.doFilter(request, response));
		}

	}

}
