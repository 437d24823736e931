package io.chronotrace.core.scrub;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class JsonBodyScrubbingTests {

	private static final String JSON = "application/json";

	private final BodyScrubbing bodies = new BodyScrubbing(ScrubRules.defaults());

	@Test
	void secretValuesAreReplacedAtAnyDepth() {
		String body = """
				{"user": {"name": "alice", "password": "hunter2",
				  "profile": {"settings": {"apiKey": "k-123", "theme": "dark"}}},
				 "items": [{"id": 1, "token": "t1"}, {"id": 2, "token": "t2"}]}
				""";
		assertThat(this.bodies.scrub(body, JSON)).isEqualTo("{\"user\":{\"name\":\"alice\",\"password\":\"[SCRUBBED]\","
				+ "\"profile\":{\"settings\":{\"apiKey\":\"[SCRUBBED]\",\"theme\":\"dark\"}}},"
				+ "\"items\":[{\"id\":1,\"token\":\"[SCRUBBED]\"},{\"id\":2,\"token\":\"[SCRUBBED]\"}]}");
	}

	@Test
	void objectOrArrayUnderASecretKeyIsReplacedWhole() {
		String body = """
				{"credentials": {"secret": {"a": [1, {"b": "c"}], "d": {}}, "user": "u"},
				 "sessionIds": ["s1", "s2", ["s3"]], "after": true}
				""";
		assertThat(this.bodies.scrub(body, JSON)).isEqualTo(
				"{\"credentials\":{\"secret\":\"[SCRUBBED]\",\"user\":\"u\"},\"sessionIds\":\"[SCRUBBED]\",\"after\":true}");
	}

	@Test
	void numbersBooleansAndNullAreKeptExactlyUnlessSecret() {
		String body = "{\"n\":-12,\"big\":123456789012345678901234567890,\"f\":1.50e-3,\"d\":0.1000,"
				+ "\"t\":true,\"x\":false,\"z\":null,\"pin\":1234,\"ssn\":123456789,\"phone\":null,\"key\":false}";
		assertThat(this.bodies.scrub(body, JSON)).isEqualTo("{\"n\":-12,\"big\":123456789012345678901234567890,"
				+ "\"f\":1.50e-3,\"d\":0.1000,\"t\":true,\"x\":false,\"z\":null,\"pin\":1234,\"ssn\":\"[SCRUBBED]\","
				+ "\"phone\":\"[SCRUBBED]\",\"key\":\"[SCRUBBED]\"}");
	}

	@Test
	void patternsApplyToStringsNamesAndCardLikeIntegers() {
		String body = """
				{"note": "mail alice@example.com or call", "card": 4111111111111111, "ts": 1718000000000,
				 "contacts": {"bob@example.org": "friend"}, "list": ["4111 1111 1111 1111", "plain"]}
				""";
		assertThat(this.bodies.scrub(body, JSON)).isEqualTo("{\"note\":\"mail [SCRUBBED] or call\","
				+ "\"card\":\"[SCRUBBED]\",\"ts\":1718000000000,\"contacts\":{\"[SCRUBBED]\":\"friend\"},"
				+ "\"list\":[\"[SCRUBBED]\",\"plain\"]}");
	}

	@Test
	void unicodeAndEscapesSurviveAsTheSameJson() throws Exception {
		String body = "{\"name\":\"Zoë 日本 🎉\",\"quote\":\"say \\\"hi\\\"\\n\\ttab \\u0001\",\"emoji🔑\":\"é\","
				+ "\"token\":\"🎉\"}";
		String scrubbed = this.bodies.scrub(body, JSON);
		JsonMapper mapper = JsonMapper.builder().build();
		assertThat(mapper.readTree(scrubbed)).isEqualTo(mapper.readTree(body.replace("\"🎉\"}", "\"[SCRUBBED]\"}")));
	}

	@Test
	void feedingOneByteAtATimeGivesTheSameOutput() {
		String body = """
				{"a": [1, 2.5, -3e10, true, false, null, "x\\u00e9y"], "password": {"nested": ["deep", {"k": 1}]},
				 "Zoë": "日本語 🎉 alice@example.com", "long": "%s", "token": "abc", "tail": {"apiKey": null}}
				""".formatted("0123456789".repeat(500));
		String whole = this.bodies.scrub(body, JSON, Integer.MAX_VALUE);
		assertThat(whole).contains("\"password\":\"[SCRUBBED]\"", "\"apiKey\":\"[SCRUBBED]\"", "日本語 🎉 [SCRUBBED]");
		for (int piece : List.of(1, 2, 3, 7, 64)) {
			assertThat(this.bodies.scrub(body, JSON, piece)).as("pieces of %d bytes", piece).isEqualTo(whole);
		}
	}

	@Test
	void topLevelArraysAndScalarsAreScrubbed() {
		assertThat(this.bodies.scrub("[{\"token\":\"a\"},\"bob@example.org\"]", JSON))
			.isEqualTo("[{\"token\":\"[SCRUBBED]\"},\"[SCRUBBED]\"]");
		assertThat(this.bodies.scrub("\"alice@example.com\"", JSON)).isEqualTo("\"[SCRUBBED]\"");
	}

	@ParameterizedTest
	@ValueSource(strings = { "application/json", "application/json;charset=UTF-8", "application/problem+json",
			"application/vnd.api+json; charset=utf-8", "APPLICATION/JSON" })
	void jsonContentTypesAreScrubbedAsJson(String contentType) {
		assertThat(this.bodies.scrub("{ \"token\" : \"x\" }", contentType)).isEqualTo("{\"token\":\"[SCRUBBED]\"}");
	}

	@Test
	void malformedJsonKeepsWhatWasParsedThenStopsWithTheMarker() {
		String body = "{\"ok\": 1, \"password\": hunter2 \"more\": \"alice@example.com\"}";
		String scrubbed = this.bodies.scrub(body, JSON);
		assertThat(scrubbed).startsWith("{\"ok\":1,\"password\"").endsWith(ScrubRules.MARKER)
			.doesNotContain("hunter2", "alice", "more");
	}

	@Test
	void bodyCutShortByTheCaptureLimitIsAPrefixOfTheScrubbedBodyWithoutTheSecret() {
		String body = "{\"a\": \"b\", \"password\": \"hunter2-and-more\", \"c\": [\"d\"]}";
		String whole = this.bodies.scrub(body, JSON);
		for (int cut = 1; cut < body.length(); cut++) {
			String scrubbed = this.bodies.scrub(body.substring(0, cut), JSON, 3);
			assertThat(scrubbed).as("cut at %d", cut).doesNotContain("hunter");
			assertThat(whole).as("cut at %d", cut).startsWith(scrubbed);
		}
	}

	@Test
	void stringCutShortIsDroppedNotWrittenRaw() {
		assertThat(this.bodies.scrub("{\"note\": \"mail alice@exam", JSON)).isEqualTo("{\"note\"");
	}

	@Test
	void jsonInAnotherCharsetIsScrubbedAsText() {
		byte[] body = "{\"password\": \"h\u00e9\", \"m\": \"alice@example.com\"}".getBytes(StandardCharsets.ISO_8859_1);
		byte[] scrubbed = this.bodies.scrub(body, "application/json; charset=ISO-8859-1", 5);
		assertThat(new String(scrubbed, StandardCharsets.ISO_8859_1))
			.isEqualTo("{\"password\": \"[SCRUBBED]\", \"m\": \"[SCRUBBED]\"}");
	}

}
