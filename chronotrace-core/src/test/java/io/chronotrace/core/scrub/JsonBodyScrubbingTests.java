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
		assertThat(this.bodies.scrub(body, JSON)).isEqualTo("""
				{"user": {"name": "alice", "password": "[SCRUBBED]",
				  "profile": {"settings": {"apiKey": "[SCRUBBED]", "theme": "dark"}}},
				 "items": [{"id": 1, "token": "[SCRUBBED]"}, {"id": 2, "token": "[SCRUBBED]"}]}
				""");
	}

	@Test
	void objectOrArrayUnderASecretKeyIsReplacedWhole() {
		String body = """
				{"credentials": {"secret": {"a": [1, {"b": "c"}], "d": {}}, "user": "u"},
				 "sessionIds": ["s1", "s2", ["s3"]], "after": true}
				""";
		assertThat(this.bodies.scrub(body, JSON)).isEqualTo("""
				{"credentials": {"secret": "[SCRUBBED]", "user": "u"},
				 "sessionIds": "[SCRUBBED]", "after": true}
				""");
	}

	@Test
	void secretObjectIsSkippedWholeWhateverItsStringsHold() {
		String body = """
				{"secret": {"a": "}\\"}", "b": ["]", "\\\\", {"c": "\\u007d"}], "d": "alice@example.com"},
				 "after": "bob@example.org", "ok": [1, {}]}""";
		assertThat(this.bodies.scrub(body, JSON, 5)).isEqualTo("""
				{"secret": "[SCRUBBED]",
				 "after": "[SCRUBBED]", "ok": [1, {}]}""");
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
		assertThat(this.bodies.scrub(body, JSON)).isEqualTo("""
				{"note": "mail [SCRUBBED] or call", "card": "[SCRUBBED]", "ts": 1718000000000,
				 "contacts": {"[SCRUBBED]": "friend"}, "list": ["[SCRUBBED]", "plain"]}
				""");
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
		assertThat(whole).contains("\"password\": \"[SCRUBBED]\",", "\"apiKey\": \"[SCRUBBED]\"", "日本語 🎉 [SCRUBBED]")
			.doesNotContain("deep", "alice", "abc");
		for (int piece : List.of(1, 2, 3, 7, 64)) {
			assertThat(this.bodies.scrub(body, JSON, piece)).as("pieces of %d bytes", piece).isEqualTo(whole);
		}
	}

	@Test
	void bodyWithNothingToScrubIsKeptByteForByte() {
		String body = "\uFEFF{\r\n\t\"id\" :  42 ,\"price\":1.50E+3,\"neg\":-0.0e-0, \"ok\":true,\"no\":false,\"z\":null,\n"
				+ "  \"text\" : \"caf\\u00e9 \\/ \\\"q\\\" \\\\ \\b\\f\\n\\r\\t é 日本 🎉\", \"empty\":\"\", \"nested\":[[],{},[{}],\n"
				+ "  [1 , 2\t,3]], \"order\": 4111111111111112, \"ts\": 1718000000000, \"Zoë\": \"x@y\" }\n\n";
		assertThat(this.bodies.scrub(body, JSON, 3)).isEqualTo(body);
		assertThat(this.bodies.scrub(body, JSON)).isEqualTo(body);
	}

	@Test
	void emptyAndBlankBodiesStayAsTheyAre() {
		assertThat(this.bodies.scrub("", JSON)).isEmpty();
		assertThat(this.bodies.scrub(" \n\t ", JSON)).isEqualTo(" \n\t ");
	}

	@Test
	void escapesDoNotHideSecrets() {
		String body = """
				{"pass\\u0077ord": "hunter2", "\\u0074oken": {"a": 1}, "note": "mail alice\\u0040example.com \\"now\\"",
				 "card": "4111\\u00201111 1111 1111", "bob\\u0040example.org": 1, "x\\/y": "caf\\u00e9"}""";
		String scrubbed = this.bodies.scrub(body, JSON);
		assertThat(scrubbed).isEqualTo("""
				{"pass\\u0077ord": "[SCRUBBED]", "\\u0074oken": "[SCRUBBED]", "note": "mail [SCRUBBED] \\"now\\"",
				 "card": "[SCRUBBED]", "[SCRUBBED]": 1, "x\\/y": "caf\\u00e9"}""");
		JsonMapper mapper = JsonMapper.builder().build();
		assertThat(mapper.readTree(scrubbed).get("note").asString()).isEqualTo("mail [SCRUBBED] \"now\"");
	}

	@Test
	void stringWithAMatchIsWrittenAgainAsTheSameText() {
		String body = "{\"note\": \"\\u00e9t\\u00e9 \\ud83c\\udf89 \\\"alice@example.com\\\"\\n\\u0001 日本\"}";
		String scrubbed = this.bodies.scrub(body, JSON);
		JsonMapper mapper = JsonMapper.builder().build();
		assertThat(mapper.readTree(scrubbed).get("note").asString()).isEqualTo("été 🎉 \"[SCRUBBED]\"\n\u0001 日本");
	}

	@Test
	void userPatternsApplyToDecodedStringsNamesAndIntegers() {
		BodyScrubbing scrubbing = new BodyScrubbing(ScrubRules.of(ScrubRules.DEFAULT_KEYS,
				List.of(ScrubRules.EMAIL, ScrubRules.CARD_NUMBER, "tok_[0-9a-f]{6,}", "99[0-9]{12}")));
		String body = """
				{"ref": "tok_a1b2c3d4 and tok_\\u0061\\u0062cdef01", "tok_abcdef12": "é alice@example.com",
				 "n": 99123456789012, "m": 98123456789012, "plain": "tok_12"}""";
		assertThat(scrubbing.scrub(body, JSON, 4)).isEqualTo("""
				{"ref": "[SCRUBBED] and [SCRUBBED]", "[SCRUBBED]": "é [SCRUBBED]",
				 "n": "[SCRUBBED]", "m": 98123456789012, "plain": "tok_12"}""");
	}

	@Test
	void withoutPatternsOnlyKeysAreScrubbed() {
		BodyScrubbing scrubbing = new BodyScrubbing(ScrubRules.of(List.of("password"), List.of()));
		String body = "{\"password\": \"x\", \"mail\": \"alice@example.com\", \"card\": 4111111111111111}";
		assertThat(scrubbing.scrub(body, JSON, 2)).isEqualTo(
				"{\"password\": \"[SCRUBBED]\", \"mail\": \"alice@example.com\", \"card\": 4111111111111111}");
	}

	@Test
	void topLevelArraysAndScalarsAreScrubbed() {
		assertThat(this.bodies.scrub("[{\"token\":\"a\"},\"bob@example.org\"]", JSON))
			.isEqualTo("[{\"token\":\"[SCRUBBED]\"},\"[SCRUBBED]\"]");
		assertThat(this.bodies.scrub("\"alice@example.com\"", JSON)).isEqualTo("\"[SCRUBBED]\"");
		assertThat(this.bodies.scrub("{\"token\": 1}\n{\"token\": [2]}\n", JSON, 3))
			.isEqualTo("{\"token\": \"[SCRUBBED]\"}\n{\"token\": \"[SCRUBBED]\"}\n");
	}

	@ParameterizedTest
	@ValueSource(strings = { "application/json", "application/json;charset=UTF-8", "application/problem+json",
			"application/vnd.api+json; charset=utf-8", "APPLICATION/JSON" })
	void jsonContentTypesAreScrubbedAsJson(String contentType) {
		assertThat(this.bodies.scrub("{ \"token\" : \"x\" }", contentType)).isEqualTo("{ \"token\" : \"[SCRUBBED]\" }");
	}

	@Test
	void malformedJsonKeepsWhatWasParsedThenStopsWithTheMarker() {
		String body = "{\"ok\": 1, \"password\": hunter2 \"more\": \"alice@example.com\"}";
		assertThat(this.bodies.scrub(body, JSON)).isEqualTo("{\"ok\": 1, \"password\": " + " [SCRUBBED]");
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
		assertThat(this.bodies.scrub("{\"note\": \"mail alice@exam", JSON)).isEqualTo("{\"note\": \"");
	}

	@Test
	void jsonInAnotherCharsetIsScrubbedAsText() {
		byte[] body = "{\"password\": \"h\u00e9\", \"m\": \"alice@example.com\"}".getBytes(StandardCharsets.ISO_8859_1);
		byte[] scrubbed = this.bodies.scrub(body, "application/json; charset=ISO-8859-1", 5);
		assertThat(new String(scrubbed, StandardCharsets.ISO_8859_1))
			.isEqualTo("{\"password\": \"[SCRUBBED]\", \"m\": \"[SCRUBBED]\"}");
	}

}
