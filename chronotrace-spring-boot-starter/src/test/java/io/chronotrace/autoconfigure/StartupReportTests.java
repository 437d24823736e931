package io.chronotrace.autoconfigure;

import java.nio.file.Path;

import net.ttddyy.dsproxy.support.ProxyDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

import io.chronotrace.core.storage.TraceStorage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One INFO line at start-up says that ChronoTrace is on and where traces go; a WARN when
 * traces will be lost.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupReportTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ChronoTraceStorageAutoConfiguration.class,
				ChronoTraceWriterAutoConfiguration.class, ChronoTraceStartupReportAutoConfiguration.class));

	@Test
	void saysModeStorageLocationLayoutCompressionAndCaptureOnce(CapturedOutput output, @TempDir Path dir) {
		this.runner.withPropertyValues("chronotrace.path=" + dir.resolve("traces"), "chronotrace.exclude=/debug/**")
			.run((context) -> {
				assertThat(context).hasSingleBean(StartupReport.class);
				String line = output.getOut().lines()
					.filter((logged) -> logged.contains("ChronoTrace is recording"))
					.reduce((first, second) -> first + "\n" + second)
					.orElseThrow();
				assertThat(line).doesNotContain("\n")
					.contains(" INFO ")
					.contains("mode record-on-error")
					.contains("storage local at " + dir.resolve("traces").toAbsolutePath())
					.contains("folder layout")
					.contains("gzip level 6")
					.contains("request and response bodies up to 10MB", "SQL", "outbound HTTP", "logs at INFO")
					.contains("excludes /actuator/** and static resources, /debug/**");
			});
		assertThat(output).doesNotContain(" WARN ");
	}

	@Test
	void saysTheSampleRateAndWhatIsSwitchedOff(CapturedOutput output) {
		this.runner
			.withPropertyValues("chronotrace.storage=memory", "chronotrace.mode=sample",
					"chronotrace.sample-rate=0.05", "chronotrace.compression.enabled=false", "chronotrace.capture.database=false",
					"chronotrace.exclude-defaults=false")
			.run((context) -> assertThat(output).contains("mode sample (rate 0.05")
				.contains("storage memory")
				.contains("uncompressed")
				.doesNotContain("SQL")
				.contains("excludes nothing"));
	}

	@Test
	void saysTheSegmentLayoutAndItsCompression(CapturedOutput output, @TempDir Path dir) {
		this.runner.withPropertyValues("chronotrace.path=" + dir.resolve("traces"), "chronotrace.layout=segments")
			.run((context) -> assertThat(output).contains("segment layout")
				.contains("LZ4 per block")
				.doesNotContain("deflate")
				.doesNotContain("folder layout"));
	}

	@Test
	void saysSqlIsNotCapturedWithoutDatasourceProxy(CapturedOutput output) {
		this.runner.withClassLoader(new FilteredClassLoader(ProxyDataSource.class))
			.withPropertyValues("chronotrace.storage=memory")
			.run((context) -> assertThat(output).contains("no SQL (add net.ttddyy:datasource-proxy to capture it)"));
	}

	@Test
	void warnsWhenEveryRequestGoesThroughASmallQueueThatDrops(CapturedOutput output) {
		this.runner
			.withPropertyValues("chronotrace.storage=memory", "chronotrace.mode=always",
					"chronotrace.queue-capacity=10")
			.run((context) -> assertThat(output).contains(" WARN ")
				.contains("queue of only 10 traces")
				.contains("chronotrace.queue-capacity"));
	}

	@Test
	void noWarningWhenTheSmallQueueWaitsInsteadOfDropping(CapturedOutput output) {
		this.runner
			.withPropertyValues("chronotrace.storage=memory", "chronotrace.mode=always", "chronotrace.queue-capacity=10",
					"chronotrace.queue-fallback=sync")
			.run((context) -> assertThat(output).contains("ChronoTrace is recording").doesNotContain(" WARN "));
	}

	@Test
	void warnsWhenTargetedModeHasNoRoutes(CapturedOutput output) {
		this.runner.withPropertyValues("chronotrace.storage=memory", "chronotrace.mode=targeted")
			.run((context) -> assertThat(output).contains(" WARN ")
				.contains("chronotrace.targets.routes is empty"));
	}

	@Test
	void saysNothingWhenDisabled(CapturedOutput output) {
		this.runner.withPropertyValues("chronotrace.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(StartupReport.class));
		assertThat(output).doesNotContain("ChronoTrace is recording");
	}

	@Test
	void usersReportMakesOursBackOff(CapturedOutput output) {
		this.runner.withPropertyValues("chronotrace.storage=memory")
			.withBean("myReport", StartupReport.class, () -> new StartupReport(new ChronoTraceProperties(),
					new MockEnvironment(), new DefaultListableBeanFactory().getBeanProvider(TraceStorage.class)))
			.run((context) -> {
				assertThat(context).hasSingleBean(StartupReport.class).hasBean("myReport");
				assertThat(output).contains("storage none");
			});
	}

}
