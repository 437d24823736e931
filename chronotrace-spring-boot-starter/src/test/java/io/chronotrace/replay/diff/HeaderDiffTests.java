package io.chronotrace.replay.diff;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeaderDiffTests {

	@Test
	void headersThatAlwaysChangeAreNotCompared() {
		HeaderDiff diff = new HeaderDiff(List.of());
		assertThat(diff.compare(
				Map.of("Date", List.of("Mon"), "X-ChronoTrace-Id", List.of("a"), "Content-Length", List.of("10")),
				Map.of("date", List.of("Tue"), "x-chronotrace-id", List.of("b"), "content-length", List.of("11"),
						"Connection", List.of("keep-alive"), "Transfer-Encoding", List.of("chunked"))))
			.isEmpty();
	}

	@Test
	void namesAreComparedCaseInsensitively() {
		assertThat(new HeaderDiff(List.of()).compare(Map.of("Cache-Control", List.of("no-store")),
				Map.of("cache-control", List.of("no-store"))))
			.isEmpty();
	}

	@Test
	void changedMissingAndAddedHeadersAreReported() {
		List<Difference> differences = new HeaderDiff(List.of()).compare(
				Map.of("X-Version", List.of("1"), "X-Gone", List.of("a")),
				Map.of("x-version", List.of("2"), "X-New", List.of("b", "c")));
		assertThat(differences).containsExactly(new Difference("header", "X-Gone", "a", null),
				new Difference("header", "X-New", null, "b, c"), new Difference("header", "X-Version", "1", "2"));
	}

	@Test
	void configuredHeadersAreIgnoredWhateverTheirCase() {
		assertThat(new HeaderDiff(List.of("etag")).compare(Map.of("ETag", List.of("1")), Map.of("ETag", List.of("2"))))
			.isEmpty();
	}

	@Test
	void contentTypesDifferingOnlyInSpacingAndCaseAreTheSame() {
		assertThat(new HeaderDiff(List.of()).compare(Map.of("Content-Type", List.of("application/json;charset=UTF-8")),
				Map.of("Content-Type", List.of("application/json; charset=utf-8"))))
			.isEmpty();
	}

}
