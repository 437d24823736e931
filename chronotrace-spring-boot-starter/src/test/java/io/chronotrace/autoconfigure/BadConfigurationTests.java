package io.chronotrace.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Bad configuration fails start-up with one clear message that names the property and what it
 * accepts, as Spring Boot's failure analysis prints it.
 */
@ExtendWith(OutputCaptureExtension.class)
class BadConfigurationTests {

	@Test
	void compressionLevelOutOfRange(CapturedOutput output) {
		assertStartupFails(output, "chronotrace.compression.level=12", "chronotrace.compression.level",
				"between 1 (fastest) and 9 (smallest)");
	}

	@Test
	void sampleRateOutOfRange(CapturedOutput output) {
		assertStartupFails(output, "chronotrace.sample-rate=2.0", "chronotrace.sample-rate", "between 0.0 and 1.0");
	}

	@Test
	void unknownStorage(CapturedOutput output) {
		assertStartupFails(output, "chronotrace.storage=ftp", "chronotrace.storage",
				"Set chronotrace.storage to one of: local, memory, s3, jdbc.");
		assertThat(output).contains("Invalid value 'ftp' for chronotrace.storage");
	}

	@Test
	void unknownMode(CapturedOutput output) {
		assertStartupFails(output, "chronotrace.mode=sometimes", "chronotrace.mode",
				"Set chronotrace.mode to one of: always, sample, record-on-error, targeted.");
		assertThat(output).doesNotContain("RECORD_ON_ERROR");
	}

	@Test
	void everyInvalidValueIsNamedInOneFailure(CapturedOutput output) {
		SpringApplication application = new SpringApplication(App.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application.run("--chronotrace.retention-days=-1",
				"--chronotrace.sample-rate=1.5", "--chronotrace.compression.level=0", "--spring.main.banner-mode=off"));
		assertThat(output).containsOnlyOnce("APPLICATION FAILED TO START")
			.contains("Property: chronotrace.retention-days")
			.contains("chronotrace.retention-days must be at least 1 (days to keep traces), was -1")
			.contains("Property: chronotrace.sample-rate")
			.contains("chronotrace.sample-rate must be between 0.0 and 1.0 (a fraction of requests), was 1.5")
			.contains("Property: chronotrace.compression.level")
			.contains("chronotrace.compression.level must be a gzip level between 1 (fastest) and 9 (smallest), was 0")
			.contains("Origin: \"chronotrace.compression.level\" from property source \"commandLineArgs\"");
	}

	@Test
	void invalidPurgeCron(CapturedOutput output) {
		assertStartupFails(output, "chronotrace.purge-cron=every night", "chronotrace.purge-cron", "'0 0 2 * * *'");
	}

	@Test
	void unwritablePath(CapturedOutput output, @TempDir Path dir) throws IOException {
		// tests run as root, whom permission bits do not stop: a path below a regular file cannot be a directory
		Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
		SpringApplication application = new SpringApplication(App.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application.run("--chronotrace.path=" + file.resolve("traces"),
				"--chronotrace.storage=local", "--spring.main.banner-mode=off"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("chronotrace.path")
			.contains("is not writable")
			.contains("Point chronotrace.path at a directory this application can write to");
	}

	private static void assertStartupFails(CapturedOutput output, String property, String name, String allowed) {
		SpringApplication application = new SpringApplication(App.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application.run("--" + property, "--spring.main.banner-mode=off"));
		assertThat(output).contains("APPLICATION FAILED TO START").contains(name).contains(allowed);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ ChronoTraceStorageAutoConfiguration.class, ChronoTraceWriterAutoConfiguration.class,
			ChronoTraceRetentionAutoConfiguration.class })
	static class App {

	}

}
