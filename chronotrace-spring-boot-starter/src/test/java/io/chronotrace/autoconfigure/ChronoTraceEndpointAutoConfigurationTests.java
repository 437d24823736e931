package io.chronotrace.autoconfigure;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chronotrace.actuate.endpoint.ChronoTraceEndpoint;
import io.chronotrace.actuate.endpoint.CurlCommand;
import io.chronotrace.actuate.endpoint.JUnitTestSource;
import io.chronotrace.actuate.endpoint.TraceBrowserPage;
import io.chronotrace.actuate.endpoint.TraceExports;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.jdbc.JdbcTraceStorage;
import io.chronotrace.core.storage.memory.InMemoryTraceStorage;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.trace.TraceRequest;
import io.chronotrace.core.trace.TraceResponse;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.jackson.JacksonEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.jmx.JmxEndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jmx.JmxAutoConfiguration;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.support.ConfigurableConversionService;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the {@code chronotrace} endpoint exists: only when it is available (exposed, access not
 * none), recording is on and a storage exists; a user's endpoint bean replaces it. Its JUnit
 * export is transactional when a {@code @Transactional} test would find one transaction manager.
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
	void theEndpointExistsWithTheJdbcStorage() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					ChronoTraceStorageAutoConfiguration.class,
					ChronoTraceWriterAutoConfiguration.class, ChronoTraceEndpointAutoConfiguration.class))
			.withPropertyValues("chronotrace.storage=jdbc", "spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID(),
					"management.endpoints.web.exposure.include=chronotrace")
			.run((context) -> assertThat(context).hasSingleBean(JdbcTraceStorage.class)
				.hasSingleBean(ChronoTraceEndpoint.class));
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

	@Test
	void exportedTestRollsBackThroughTheTransactionManagerATransactionalTestPicks() {
		WebApplicationContextRunner exposed = this.runner
			.withPropertyValues("management.endpoints.web.exposure.include=chronotrace");
		exposed.run((context) -> assertThat(exportedTest(context)).doesNotContain("@Transactional")
			.contains("no transaction manager"));
		exposed.withBean("orders", JdbcTransactionManager.class, () -> transactionManager())
			.run((context) -> assertThat(exportedTest(context)).contains("\n@Transactional\n"));
		exposed.withBean("orders", JdbcTransactionManager.class, () -> transactionManager())
			.withBean("users", JdbcTransactionManager.class, () -> transactionManager(), (definition) -> definition.setPrimary(true))
			.run((context) -> assertThat(exportedTest(context)).contains("\n@Transactional\n"));
		exposed.withBean("orders", JdbcTransactionManager.class, () -> transactionManager())
			.withBean("users", JdbcTransactionManager.class, () -> transactionManager())
			.run((context) -> assertThat(exportedTest(context)).doesNotContain("@Transactional\n")
				.contains("(orders, users)"));
	}

	private static String exportedTest(AssertableWebApplicationContext context) {
		Instant start = Instant.now();
		Trace trace = new Trace(Trace.SCHEMA_VERSION, TraceId.create(start), start, 1_000, "shop",
				new TraceRequest("POST", "http://localhost/orders", "/orders", null, Map.of(), null, null),
				new TraceResponse(201, Map.of(), null, 0), null, List.of(), 0, null, List.of());
		context.getBean(TraceStorage.class).store(trace);
		Object source = context.getBean(ChronoTraceEndpoint.class)
			.export(trace.id().toString(), "test", null, null, SecurityContext.NONE)
			.getBody();
		return String.valueOf(source).replace("\n * ", " ");
	}

	private static JdbcTransactionManager transactionManager() {
		return new JdbcTransactionManager(new SimpleDriverDataSource());
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
