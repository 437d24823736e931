package io.chronotrace.replay.diff;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextDiffTests {

	private final TextDiff diff = new TextDiff();

	@Test
	void sameLinesAreNoDifference() {
		assertThat(this.diff.compare("a\nb\n", "a\r\nb")).isEmpty();
	}

	@Test
	void aChangedLineIsReportedByItsNumber() {
		assertThat(this.diff.compare("a\nb\nc", "a\nB\nc")).containsExactly(new Difference("body", "line 2", "b", "B"));
	}

	@Test
	void anInsertedLineDoesNotMakeTheFollowingLinesDiffer() {
		assertThat(this.diff.compare("a\nb\nc", "a\nnew\nb\nc"))
			.containsExactly(new Difference("body", "line 2", null, "new"));
	}

	@Test
	void removedLinesAreOneRun() {
		assertThat(this.diff.compare("a\nb\nc\nd", "a\nd")).containsExactly(new Difference("body", "line 2", "b\nc", null));
	}

}
