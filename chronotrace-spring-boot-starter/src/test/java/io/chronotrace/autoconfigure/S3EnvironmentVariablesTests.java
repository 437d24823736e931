package io.chronotrace.autoconfigure;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The S3 environment variables of the ChronoTrace storage guide configure the S3 storage:
 * {@code CHRONOTRACE_S3_BUCKET}, {@code _REGION} and {@code _ENDPOINT} by relaxed binding, and
 * {@code CHRONOTRACE_S3_PREFIX} through {@link ChronoTraceEnvironmentAliases}.
 */
class S3EnvironmentVariablesTests {

	@Test
	void bucketRegionAndEndpointBindByTheirSeedNames() {
		ChronoTraceProperties.S3 s3 = bind(environment(Map.of("CHRONOTRACE_STORAGE", "s3", "CHRONOTRACE_S3_BUCKET",
				"shop-traces", "CHRONOTRACE_S3_REGION", "eu-west-1", "CHRONOTRACE_S3_ENDPOINT",
				"http://minio.local:9000")));

		assertThat(s3.getBucket()).isEqualTo("shop-traces");
		assertThat(s3.getRegion()).isEqualTo("eu-west-1");
		assertThat(s3.getEndpoint()).isEqualTo(URI.create("http://minio.local:9000"));
		assertThat(s3.getPathPrefix()).isEqualTo("traces");
	}

	@Test
	void prefixVariableSetsThePathPrefix() {
		StandardEnvironment environment = environment(Map.of("CHRONOTRACE_S3_PREFIX", "shop/traces"));

		new ChronoTraceEnvironmentAliases().postProcessEnvironment(environment, new SpringApplication());

		assertThat(bind(environment).getPathPrefix()).isEqualTo("shop/traces");
	}

	@Test
	void canonicalVariableWinsOverThePrefixAlias() {
		StandardEnvironment environment = environment(
				Map.of("CHRONOTRACE_S3_PREFIX", "alias", "CHRONOTRACE_S3_PATH_PREFIX", "canonical"));

		new ChronoTraceEnvironmentAliases().postProcessEnvironment(environment, new SpringApplication());

		assertThat(bind(environment).getPathPrefix()).isEqualTo("canonical");
	}

	@Test
	void prefixAliasIsAppliedToEveryApplicationThroughSpringFactories() {
		SpringApplication application = new SpringApplication(Empty.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setEnvironment(environment(Map.of("CHRONOTRACE_S3_PREFIX", "from-the-environment")));
		application.setDefaultProperties(Map.of("chronotrace.s3.path-prefix", "default"));

		try (ConfigurableApplicationContext context = application.run()) {
			assertThat(context.getEnvironment().getProperty("chronotrace.s3.path-prefix"))
				.isEqualTo("from-the-environment");
		}
	}

	private static StandardEnvironment environment(Map<String, Object> variables) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
		return environment;
	}

	private static ChronoTraceProperties.S3 bind(StandardEnvironment environment) {
		ConfigurationPropertySources.attach(environment);
		return Binder.get(environment).bindOrCreate("chronotrace", ChronoTraceProperties.class).getS3();
	}

	@Configuration(proxyBeanMethods = false)
	static class Empty {

	}

}
