package io.chronotrace.autoconfigure;

import io.chronotrace.core.storage.LayoutMismatchException;
import io.chronotrace.core.storage.UnusableLocationException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Storage failures that stop start-up outside ChronoTrace's own configuration are explained by
 * their type, never by their message's words.
 */
class StorageFailureAnalyzerTests {

	private final StorageFailureAnalyzer analyzer = new StorageFailureAnalyzer();

	@Test
	void aDirectoryOfTheOtherLayoutIsExplainedWithTheLayoutThatReadsIt() {
		FailureAnalysis analysis = this.analyzer.analyze(new IllegalStateException("wrapped",
				new LayoutMismatchException("/var/traces", "segments", "folders", "")));

		assertThat(analysis.getDescription()).contains("/var/traces holds traces in the segments layout");
		assertThat(analysis.getAction()).contains("chronotrace.layout=segments")
			.contains("give the folders layout a directory of its own");
	}

	@Test
	void aDirectoryInUseIsExplainedAsOnePerInstance() {
		FailureAnalysis analysis = this.analyzer
			.analyze(new UnusableLocationException("/var/traces", "directory /var/traces is used by another", true, null));

		assertThat(analysis.getAction()).isEqualTo("Give each application instance a directory of its own.");
	}

}
