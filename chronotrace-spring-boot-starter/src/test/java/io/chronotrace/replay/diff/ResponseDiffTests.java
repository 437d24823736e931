package io.chronotrace.replay.diff;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.chronotrace.replay.diff.ResponseDiff.Response;

import static org.assertj.core.api.Assertions.assertThat;

class ResponseDiffTests {

	private final ResponseDiff diff = new ResponseDiff(List.of(), List.of("$.at"));

	@Test
	void statusHeadersAndJsonBodyAreReportedInThatOrder() {
		List<Difference> differences = this.diff.compare(
				new Response(200, Map.of("X-A", List.of("1")), "application/json", "{\"price\":1,\"at\":1}"),
				new Response(500, Map.of("X-A", List.of("2")), "application/json", "{\"price\":2,\"at\":2}"));
		assertThat(differences).containsExactly(new Difference("status", null, "200", "500"),
				new Difference("header", "X-A", "1", "2"), new Difference("body", "$.price", "1", "2"));
	}

	@Test
	void jsonWithoutAJsonContentTypeIsStillComparedStructurally() {
		assertThat(this.diff.compare(new Response(200, Map.of(), "text/plain", "{\"a\":1,\"b\":2}"),
				new Response(200, Map.of(), "text/plain", "{\"b\":2,\"a\":1}")))
			.isEmpty();
	}

	@Test
	void textBodiesAreComparedByLines() {
		assertThat(this.diff.compare(new Response(200, Map.of(), "text/plain", "hello\nworld"),
				new Response(200, Map.of(), "text/plain", "hello\nthere")))
			.containsExactly(new Difference("body", "line 2", "world", "there"));
	}

	@Test
	void anUnknownBodyIsNotCompared() {
		assertThat(this.diff.compare(new Response(200, Map.of(), "image/png", null),
				new Response(200, Map.of(), "image/png", "x")))
			.isEmpty();
	}

}
