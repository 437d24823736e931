package io.chronotrace.autoconfigure;

import java.nio.file.Path;
import java.time.Instant;

import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.local.LocalFileSystemTraceStorage;
import io.chronotrace.core.storage.memory.InMemoryTraceStorage;
import io.chronotrace.core.storage.segment.SegmentTraceStorage;
import io.chronotrace.core.trace.TestTraces;
import io.chronotrace.core.trace.Trace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code chronotrace.layout} picks the local storage's layout, and a directory written with one
 * layout is never silently misread with the other.
 */
class LayoutAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ChronoTraceStorageAutoConfiguration.class));

	@TempDir
	Path dir;

	@Test
	void segmentsLayoutGivesTheSegmentStorage() {
		this.runner.withPropertyValues("chronotrace.path=" + this.dir, "chronotrace.layout=segments").run((context) -> {
			assertThat(context).hasSingleBean(SegmentTraceStorage.class);
			assertThat(context).doesNotHaveBean(LocalFileSystemTraceStorage.class);
		});
	}

	@Test
	void foldersLayoutIsTheDefault() {
		this.runner.withPropertyValues("chronotrace.path=" + this.dir).run((context) -> {
			assertThat(context).hasSingleBean(LocalFileSystemTraceStorage.class);
			assertThat(context).doesNotHaveBean(SegmentTraceStorage.class);
		});
	}

	@Test
	void userStorageMakesTheSegmentStorageBackOff() {
		this.runner.withPropertyValues("chronotrace.path=" + this.dir, "chronotrace.layout=segments")
			.withUserConfiguration(UserStorageConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(TraceStorage.class);
				assertThat(context).doesNotHaveBean(SegmentTraceStorage.class);
			});
	}

	@Test
	void restartWithTheOtherLayoutFailsNamingTheLayoutAndTheSameLayoutReadsWhatWasWritten() {
		Trace trace = TestTraces.trace(Instant.parse("2026-11-21T10:00:00Z"));
		this.runner.withPropertyValues("chronotrace.path=" + this.dir, "chronotrace.layout=segments")
			.run((context) -> context.getBean(TraceStorage.class).store(trace));

		this.runner.withPropertyValues("chronotrace.path=" + this.dir, "chronotrace.layout=folders").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("chronotrace.layout")
				.hasMessageContaining("segments layout");
		});
		this.runner.withPropertyValues("chronotrace.path=" + this.dir, "chronotrace.layout=segments").run((context) -> {
			TraceStorage storage = context.getBean(TraceStorage.class);
			assertThat(storage.retrieve(trace.id())).contains(trace);
			assertThat(storage.list(TraceQuery.newest()).items()).containsExactly(trace.summary());
		});
	}

	@Test
	void segmentsOnAFolderLayoutDirectoryFailsNamingTheLayout() {
		Trace trace = TestTraces.trace(Instant.parse("2026-11-21T10:00:00Z"));
		this.runner.withPropertyValues("chronotrace.path=" + this.dir)
			.run((context) -> context.getBean(TraceStorage.class).store(trace));

		this.runner.withPropertyValues("chronotrace.path=" + this.dir, "chronotrace.layout=segments").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("chronotrace.layout")
				.hasMessageContaining("folders layout");
		});
		this.runner.withPropertyValues("chronotrace.path=" + this.dir)
			.run((context) -> assertThat(context.getBean(TraceStorage.class).retrieve(trace.id())).contains(trace));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserStorageConfiguration {

		@Bean
		TraceStorage userStorage() {
			return new InMemoryTraceStorage(10);
		}

	}

}
