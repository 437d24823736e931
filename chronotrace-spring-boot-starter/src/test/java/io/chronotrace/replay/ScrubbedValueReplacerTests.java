package io.chronotrace.replay;

import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScrubbedValueReplacerTests {

	private final ScrubbedValueReplacer none = new ScrubbedValueReplacer(Map.of());

	private final ScrubbedValueReplacer substituting = new ScrubbedValueReplacer(substitutes());

	private static Map<String, String> substitutes() {
		Map<String, String> substitutes = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		substitutes.put("Authorization", "Bearer test");
		substitutes.put("password", "pw");
		substitutes.put("api_key", "k 1");
		return substitutes;
	}

	@Test
	void aScrubbedHeaderIsLeftOutOrSubstitutedWhole() {
		assertThat(this.none.value("Authorization", "Bearer [SCRUBBED]")).isNull();
		assertThat(this.substituting.value("authorization", "Bearer [SCRUBBED]")).isEqualTo("Bearer test");
		assertThat(this.none.value("Accept", "text/plain")).isEqualTo("text/plain");
	}

	@Test
	void scrubbedParametersAreLeftOutOrSubstitutedEncoded() {
		assertThat(this.none.form("api_key=[SCRUBBED]&q=cups&token=%5BSCRUBBED%5D")).isEqualTo("q=cups");
		assertThat(this.substituting.form("api_key=[SCRUBBED]&q=cups")).isEqualTo("api_key=k+1&q=cups");
	}

	@Test
	void scrubbedJsonMembersAtAnyDepthAreLeftOutOrSubstituted() {
		String json = "{\"user\":{\"name\":\"ann\",\"password\":\"[SCRUBBED]\",\"note\":\"mail [SCRUBBED]\"},"
				+ "\"tags\":[\"a\",\"[SCRUBBED]\"]}";
		assertThat(this.none.json(json)).isEqualTo("{\"user\":{\"name\":\"ann\"},\"tags\":[\"a\"]}");
		assertThat(this.substituting.json(json)).isEqualTo("{\"user\":{\"name\":\"ann\",\"password\":\"pw\"},\"tags\":[\"a\"]}");
	}

	@Test
	void jsonThatCannotBeParsedLosesTheMarkerOnly() {
		assertThat(this.none.json("{\"password\":\"[SCRUBBED]\",\"cut")).isEqualTo("{\"password\":\"\",\"cut");
	}

	@Test
	void bodiesAreHandledByTheirContentType() {
		assertThat(this.none.body("password=[SCRUBBED]&user=ann", "application/x-www-form-urlencoded;charset=UTF-8"))
			.isEqualTo("user=ann");
		assertThat(this.none.body("{\"password\":\"[SCRUBBED]\"}", "application/problem+json")).isEqualTo("{}");
		assertThat(this.none.body("write to [SCRUBBED] today", "text/plain")).isEqualTo("write to  today");
		assertThat(this.none.body("unchanged", null)).isEqualTo("unchanged");
	}

}
