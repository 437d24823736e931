package io.chronotrace.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import io.awspring.cloud.autoconfigure.core.AwsAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration;
import io.chronotrace.actuate.endpoint.ChronoTraceEndpoint;
import io.chronotrace.actuate.health.ChronoTraceHealthIndicator;
import io.chronotrace.actuate.metrics.MicrometerTraceWriterListener;
import io.chronotrace.actuate.metrics.SpoolMetrics;
import io.chronotrace.actuate.metrics.TraceQueueMetrics;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.redis.RedisServerExtension;
import io.chronotrace.core.storage.s3.S3ProxyExtension;
import io.chronotrace.core.storage.s3.S3ProxyServer;
import io.chronotrace.core.write.AsyncTraceWriter;
import io.chronotrace.retention.TracePurgeScheduler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.core.convert.support.ConfigurableConversionService;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every backend, wired by ChronoTrace's auto-configurations as an application gets them: the
 * endpoint, the health indicator, the metrics, the purge scheduler and the writer are each
 * there, whatever the storage (each of them orders itself after the one storage
 * auto-configuration).
 */
class StorageBackendWiringTests {

	private static final String BUCKET = "wiring";

	@RegisterExtension
	static final S3ProxyExtension s3 = new S3ProxyExtension(BUCKET);

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension();

	@TempDir
	Path directory;

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, DataRedisAutoConfiguration.class,
				AwsAutoConfiguration.class, CredentialsProviderAutoConfiguration.class,
				RegionProviderAutoConfiguration.class))
		.withConfiguration(AutoConfigurations.of(chronoTraceAutoConfigurations()))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withPropertyValues("management.endpoints.web.exposure.include=chronotrace")
		// as SpringApplication does, so that access values are read in lower case
		.withInitializer((context) -> context.getEnvironment()
			.setConversionService((ConfigurableConversionService) ApplicationConversionService.getSharedInstance()));

	@Test
	void localFolders() {
		run("local", "chronotrace.path=" + this.directory.resolve("traces"));
	}

	@Test
	void localSegments() {
		run("local", "chronotrace.path=" + this.directory.resolve("traces"), "chronotrace.layout=segments");
	}

	@Test
	void s3Folders() {
		run("s3", s3Properties());
	}

	@Test
	void s3Segments() {
		List<String> properties = new ArrayList<>(List.of(s3Properties()));
		properties.add("chronotrace.layout=segments");
		run("s3", properties.toArray(String[]::new));
	}

	@Test
	void jdbc() {
		run("jdbc", "chronotrace.storage=jdbc", "spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID());
	}

	@Test
	void redis() {
		run("redis", "chronotrace.storage=redis", "spring.data.redis.host=127.0.0.1",
				"spring.data.redis.port=" + redis.server().port(), "chronotrace.redis.key-prefix=" + UUID.randomUUID() + ":");
	}

	@Test
	void tiered() {
		run("tiered", "chronotrace.storage=tiered", "chronotrace.tiered.cold=memory",
				"chronotrace.path=" + this.directory.resolve("hot"));
	}

	@Test
	void encrypted() {
		run("local", "chronotrace.path=" + this.directory.resolve("traces"), "chronotrace.encryption.enabled=true",
				"chronotrace.encryption.keys.k1=" + Base64.getEncoder().encodeToString(new byte[32]),
				"chronotrace.encryption.active-key=k1");
	}

	private void run(String type, String... properties) {
		this.runner.withPropertyValues(properties).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(TraceStorage.class).description().type()).isEqualTo(type);
			assertWired(context);
		});
	}

	private static void assertWired(AssertableWebApplicationContext context) {
		assertThat(context).hasSingleBean(TraceStorage.class)
			.hasSingleBean(AsyncTraceWriter.class)
			.hasSingleBean(ChronoTraceEndpoint.class)
			.hasSingleBean(ChronoTraceHealthIndicator.class)
			.hasSingleBean(MicrometerTraceWriterListener.class)
			.hasSingleBean(SpoolMetrics.class)
			.hasSingleBean(TraceQueueMetrics.class)
			.hasSingleBean(TracePurgeScheduler.class);
	}

	private String[] s3Properties() {
		return new String[] { "chronotrace.storage=s3", "chronotrace.s3.bucket=" + BUCKET,
				"chronotrace.s3.path-prefix=" + UUID.randomUUID(), "chronotrace.s3.endpoint=" + s3.server().endpoint(),
				"chronotrace.s3.region=us-east-1", "chronotrace.s3.spool.path=" + this.directory.resolve("spool"),
				"spring.cloud.aws.credentials.access-key=" + S3ProxyServer.ACCESS_KEY,
				"spring.cloud.aws.credentials.secret-key=" + S3ProxyServer.SECRET_KEY };
	}

	private static Class<?>[] chronoTraceAutoConfigurations() {
		try (InputStream in = StorageBackendWiringTests.class.getResourceAsStream(
				"/META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
				.map(String::trim)
				.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
				.map((name) -> ClassUtils.resolveClassName(name, null))
				.toArray(Class<?>[]::new);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
