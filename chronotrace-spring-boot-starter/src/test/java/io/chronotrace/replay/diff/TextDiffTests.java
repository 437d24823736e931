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

	@Test
	void theSameLinesInAnotherOrderAreOneOrderDifference() {
		assertThat(this.diff.compare("<ul>\n<li>a</li>\n<li>b</li>\n</ul>", "<ul>\n<li>b</li>\n<li>a</li>\n</ul>"))
			.singleElement()
			.satisfies((difference) -> {
				assertThat(difference.kind()).isEqualTo(Difference.ORDER);
				assertThat(difference.path()).isEqualTo("lines");
			});
	}

}
