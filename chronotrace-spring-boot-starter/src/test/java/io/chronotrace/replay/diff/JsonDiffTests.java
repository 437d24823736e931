package io.chronotrace.replay.diff;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JsonDiffTests {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	@Test
	void aChangedFieldInAnArrayIsReportedByItsPath() {
		List<Difference> differences = new JsonDiff(List.of()).compare(
				json("{\"items\":[{\"name\":\"cup\",\"price\":4.5}],\"total\":4.5}"),
				json("{\"items\":[{\"name\":\"cup\",\"price\":5.0}],\"total\":4.5}"));
		assertThat(differences).containsExactly(new Difference("body", "$.items[0].price", "4.5", "5.0"));
	}

	@Test
	void memberOrderAndNumberNotationDoNotMatter() {
		assertThat(new JsonDiff(List.of()).compare(json("{\"a\":1,\"b\":[1,2]}"), json("{\"b\":[1.0,2],\"a\":1.00}")))
			.isEmpty();
	}

	@Test
	void missingAndAddedMembersAndElementsAreReportedWithNull() {
		List<Difference> differences = new JsonDiff(List.of()).compare(json("{\"a\":1,\"list\":[1,2]}"),
				json("{\"b\":\"x\",\"list\":[1]}"));
		assertThat(differences).containsExactly(new Difference("body", "$.a", "1", null),
				new Difference("body", "$.list[1]", "2", null), new Difference("body", "$.b", null, "x"));
	}

	@Test
	void aValueOfAnotherTypeIsOneDifference() {
		assertThat(new JsonDiff(List.of()).compare(json("{\"a\":{\"x\":1}}"), json("{\"a\":\"1\"}")))
			.containsExactly(new Difference("body", "$.a", "{\"x\":1}", "1"));
	}

	@Test
	void stringsAreNotNumbers() {
		assertThat(new JsonDiff(List.of()).compare(json("{\"a\":\"1\"}"), json("{\"a\":1}"))).hasSize(1);
	}

	@Test
	void namesThatAreNoIdentifiersAreQuoted() {
		assertThat(new JsonDiff(List.of()).compare(json("{\"a b\":1}"), json("{\"a b\":2}")))
			.extracting(Difference::path)
			.containsExactly("$['a b']");
	}

	@Test
	void ignoredPathsAndWhatIsUnderThemAreSkipped() {
		JsonDiff diff = new JsonDiff(List.of("$.generatedAt", "$.items[*].id", "$..etag", "meta"));
		List<Difference> differences = diff.compare(
				json("{\"generatedAt\":1,\"meta\":{\"x\":1},\"items\":[{\"id\":1,\"etag\":\"a\",\"n\":1}],\"deep\":{\"etag\":1}}"),
				json("{\"generatedAt\":2,\"meta\":{\"x\":2},\"items\":[{\"id\":9,\"etag\":\"b\",\"n\":2}],\"deep\":{\"etag\":2}}"));
		assertThat(differences).containsExactly(new Difference("body", "$.items[0].n", "1", "2"));
	}

	@Test
	void aWholeDocumentOfAnotherShapeIsReportedAtTheRoot() {
		assertThat(new JsonDiff(List.of()).compare(json("[1]"), json("{}"))).extracting(Difference::path)
			.containsExactly("$");
	}

	@Test
	void aMalformedPatternIsRefusedWithItsText() {
		assertThatIllegalArgumentException().isThrownBy(() -> new JsonDiff(List.of("$.items[0")))
			.withMessageContaining("$.items[0");
	}

	@Test
	void theSameElementsInAnotherOrderAreOneOrderDifference() {
		assertThat(new JsonDiff(List.of()).compare(json("{\"e\":[{\"f\":\"a\",\"n\":1},{\"f\":\"b\",\"n\":2.0}]}"),
				json("{\"e\":[{\"n\":2,\"f\":\"b\"},{\"f\":\"a\",\"n\":1.0}]}")))
			.containsExactly(new Difference(Difference.ORDER, "$.e", "[{\"f\":\"a\",\"n\":1},{\"f\":\"b\",\"n\":2.0}]",
					"[{\"n\":2,\"f\":\"b\"},{\"f\":\"a\",\"n\":1.0}]"));
		// one element more of a kind is a change, not an order
		assertThat(new JsonDiff(List.of()).compare(json("[1,1,2]"), json("[1,2,2]")))
			.extracting(Difference::kind)
			.containsOnly(Difference.BODY);
	}

	private static JsonNode json(String text) {
		return mapper.readTree(text);
	}

}
