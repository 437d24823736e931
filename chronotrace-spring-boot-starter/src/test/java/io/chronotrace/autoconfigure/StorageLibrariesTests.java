package io.chronotrace.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.memory.InMemoryTraceStorage;
import io.chronotrace.core.write.TraceWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.EmbeddedDatabaseConnection;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Choosing a backend whose client library the application lacks fails start-up with the Maven
 * coordinates to add; an application that stores locally needs none of them.
 */
class StorageLibrariesTests {

	@TempDir
	Path directory;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ChronoTraceStorageAutoConfiguration.class, ChronoTraceJdbcCaptureAutoConfiguration.class,
				ChronoTraceWriterAutoConfiguration.class));

	@Test
	void s3WithoutTheAwsSdkFailsNamingItsCoordinates() {
		this.runner.withClassLoader(new FilteredClassLoader(S3Client.class))
			.withPropertyValues("chronotrace.storage=s3", "chronotrace.s3.bucket=traces")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new MissingStorageLibraryFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("chronotrace.storage is s3")
					.contains("software.amazon.awssdk:s3")
					.doesNotContain("spring-cloud-aws-starter");
				assertThat(analysis.getAction()).contains("<groupId>software.amazon.awssdk</groupId>")
					.contains("<artifactId>s3</artifactId>");
			});
	}

	@Test
	void jdbcWithoutSpringJdbcFailsNamingTheStarter() {
		this.runner.withClassLoader(new FilteredClassLoader(EmbeddedDatabaseConnection.class))
			.withPropertyValues("chronotrace.storage=jdbc")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(MissingStorageLibraryException.class)
					.hasMessageContaining("org.springframework.boot:spring-boot-starter-jdbc");
			});
	}

	@Test
	void localStorageStartsWithEveryAutoConfigurationAndNoBackendLibrary() throws IOException {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(chronoTraceAutoConfigurations()))
			.withClassLoader(new FilteredClassLoader("software.amazon.awssdk", "io.awspring", "net.ttddyy",
					"org.springframework.boot.jdbc", "org.springframework.jdbc"))
			.withPropertyValues("chronotrace.path=" + this.directory.resolve("traces"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(TraceStorage.class).hasSingleBean(TraceWriter.class);
			});
	}

	private static Class<?>[] chronoTraceAutoConfigurations() throws IOException {
		try (InputStream in = StorageLibrariesTests.class.getResourceAsStream(
				"/META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
				.map(String::trim)
				.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
				.map((name) -> ClassUtils.resolveClassName(name, null))
				.toArray(Class<?>[]::new);
		}
	}

	@Test
	void applicationsOwnStorageNeedsNoBackendLibrary() {
		this.runner.withClassLoader(new FilteredClassLoader(S3Client.class))
			.withUserConfiguration(OwnStorage.class)
			.withPropertyValues("chronotrace.storage=s3")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(TraceStorage.class)).isInstanceOf(InMemoryTraceStorage.class);
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnStorage {

		@Bean
		TraceStorage myStorage() {
			return new InMemoryTraceStorage(10);
		}

	}

}
