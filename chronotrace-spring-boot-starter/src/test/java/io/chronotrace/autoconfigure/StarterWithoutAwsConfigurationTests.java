package io.chronotrace.autoconfigure;

import java.nio.file.Path;

import io.awspring.cloud.autoconfigure.core.AwsClientBuilderConfigurer;
import io.chronotrace.core.storage.spool.SpoolingTraceStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application that keeps traces locally and has no AWS configuration at all starts with
 * every auto-configuration on the classpath, the Spring Cloud AWS ones included: nothing asks
 * AWS for a region or credentials until {@code chronotrace.storage=s3}.
 */
class StarterWithoutAwsConfigurationTests {

	@TempDir
	Path directory;

	@Test
	void applicationKeepingTracesLocallyStartsWithoutAwsRegionOrCredentials() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.NONE)
			.properties("chronotrace.path=" + this.directory.resolve("traces"),
					"chronotrace.s3.spool.path=" + this.directory.resolve("spool"))
			.run()) {
			assertThat(context.getBeansOfType(AwsClientBuilderConfigurer.class)).hasSize(1);
			assertThat(context.getBeansOfType(SpoolingTraceStorage.class)).isEmpty();
			assertThat(context.getBeansOfType(TraceS3Client.class)).isEmpty();
		}
		assertThat(this.directory.resolve("spool")).doesNotExist();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

	}

}
