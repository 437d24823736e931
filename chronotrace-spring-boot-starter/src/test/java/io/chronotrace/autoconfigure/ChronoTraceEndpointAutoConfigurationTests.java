package io.chronotrace.autoconfigure;

import io.chronotrace.actuate.endpoint.ChronoTraceEndpoint;
import io.chronotrace.actuate.endpoint.CurlCommand;
import io.chronotrace.actuate.endpoint.JUnitTestSource;
import io.chronotrace.actuate.endpoint.TraceBrowserPage;
import io.chronotrace.actuate.endpoint.TraceExports;
import io.chronotrace.core.storage.memory.InMemoryTraceStorage;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.jackson.JacksonEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.jmx.JmxEndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jmx.JmxAutoConfiguration;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.support.ConfigurableConversionService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the {@code chronotrace} endpoint exists: only when it is available (exposed, access not
 * none), recording is on and a storage exists; a user's endpoint bean replaces it.
 */
class ChronoTraceEndpointAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ChronoTraceStorageAutoConfiguration.class,
				ChronoTraceEndpointAutoConfiguration.class))
		.withPropertyValues("chronotrace.storage=memory")
		// as SpringApplication does, so that access values are read in lower case
		.withInitializer((context) -> context.getEnvironment()
			.setConversionService((ConfigurableConversionService) ApplicationConversionService.getSharedInstance()));

	@Test
	void createsTheEndpointWhenExposed() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=chronotrace")
			.run((context) -> assertThat(context).hasSingleBean(ChronoTraceEndpoint.class)
				.hasSingleBean(ReplayProperties.class));
	}

	@Test
	void noEndpointUnlessExposed() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(ChronoTraceEndpoint.class));
	}

	@Test
	void noEndpointWhenItsAccessIsNone() {
		this.runner
			.withPropertyValues("management.endpoints.web.exposure.include=chronotrace",
					"management.endpoint.chronotrace.access=none")
			.run((context) -> assertThat(context).doesNotHaveBean(ChronoTraceEndpoint.class));
	}

	@Test
	void noEndpointWhenChronoTraceIsDisabled() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=chronotrace", "chronotrace.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ChronoTraceEndpoint.class));
	}

	@Test
	void noEndpointWithoutActuator() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=chronotrace")
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ChronoTraceEndpoint.class));
	}

	@Test
	void jmxExposureOfEveryEndpointStillStarts() {
		this.runner
			.withConfiguration(AutoConfigurations.of(JmxAutoConfiguration.class, EndpointAutoConfiguration.class,
					JacksonEndpointAutoConfiguration.class, JmxEndpointAutoConfiguration.class))
			.withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=*")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(ChronoTraceEndpoint.class));
	}

	@Test
	void usersEndpointMakesOursBackOff() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=chronotrace")
			.withUserConfiguration(UserEndpoint.class)
			.run((context) -> assertThat(context).hasSingleBean(ChronoTraceEndpoint.class)
				.hasBean("myChronoTraceEndpoint"));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserEndpoint {

		@Bean
		ChronoTraceEndpoint myChronoTraceEndpoint() {
			return new ChronoTraceEndpoint(new InMemoryTraceStorage(10),
					new TraceBrowserPage(() -> "/manage/chronotrace", () -> Access.READ_ONLY),
					new TraceExports(new CurlCommand(() -> "http://localhost:8080", () -> "/manage/chronotrace"),
							new JUnitTestSource(java.util.List.of(), java.util.Map.of(), JUnitTestSource.Application::unknown)),
					java.time.Clock.systemUTC());
		}

	}

}
