package io.chronotrace.core.trace;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scanner that decides which bodies are written raw ({@link JsonBodies}) against the
 * parser that reads the records: on valid documents, attackers' bodies and hundreds of
 * thousands of random mutations of them, it must accept exactly what the parser reads as one
 * value, so that no body it lets through makes a record unreadable, and no ordinary JSON
 * body loses the raw form.
 */
class JsonBodyCheckTests {

	private static final TokenStreamFactory READER = JsonMapper.builder().build().tokenStreamFactory();

	private static final List<String> DOCUMENTS = List.of("{}", "[]", "{\"a\":1}", "[1,2,3]",
			"{\"orderId\":\"8b1f4c2e\",\"lines\":[{\"productId\":1,\"quantity\":2,\"note\":\"gift wrap\"}],\"ok\":true}",
			"[true,false,null,0,-0,1.5,-2.25e10,3E-2,4e+7,\"\"]",
			"{ \"spaced\" : [ 1 , { \"x\" : null } ] ,\n\t\"tabs\"\r\n: \"v\" }",
			"{\"esc\":\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\uD83D\\uDE00\"}",
			"{\"unicode\":\"caf\u00e9 \u65e5\u672c \ud83d\ude00 \u2028\"}", "[[[[[[[[[[]]]]]]]]]]",
			"{\"a\":{\"b\":{\"c\":[{\"d\":[]}]}}}", "[\"}\",\"]\",\"{\",\"[\",\",\",\":\"]",
			"{\"n\":123456789012345678901234567890,\"f\":0.000001,\"e\":1e-308}",
			"{\"next\":\"/orders?page=2\",\"q\":\"?\"}", "{\"url\":\"https://shop.example/search?q=caf\u00e9&page=2\"}");

	private static final String ALPHABET = "{}[]\",:\\/ \t\n\r0123456789-+.eEtrufalsnu?\u0000\u001f\u007fx\u00e9\ud83d\ude00\uff11\u0660";

	@Test
	void acceptsWhatTheReaderReadsAsOneValue() {
		for (String document : DOCUMENTS) {
			assertThat(isJsonText(document)).as(document).isTrue();
			assertThat(readsAsOneValue(document)).as(document).isTrue();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"a\":1}, \"injected\": true", "{\"a\":1}{\"b\":2}", "[1,]", "{\"a\":1,}", "[,1]",
			"{\"a\" 1}", "{a:1}", "{'a':1}", "[01]", "[1.]", "[.5]", "[+1]", "[-]", "[1e]", "[NaN]", "[Infinity]",
			"[tru]", "[truex]", "[nul]", "{\"a\":1 /* c */}", "[1 2]", "{\"a\":\"\u0001\"}", "{\"a\":\"\\x\"}",
			"{\"a\":\"\\u00g0\"}", "{\"a\":\"\\u\uff11\uff11\uff11\uff11\"}", "{\"a\":\"\\u\u0660\u0660\u0660\u0660\"}", "[\"open]",
			"{\"a\":1]", "[1}", "{\"a\":1}}", "[[1]", "[\u00a01]", "[\f1]", "[\"a\"\u0000]", "{\"a\":1}\u0000",
			"{\"a\":\"\ud83d\"}", "{\"a\":\"?\ude00?\"}", "[\"\ude00\ud83d\"]", "{\"a\":\"caf\u00e9 \ud83d\"}" })
	void refusesWhatTheReaderRefuses(String body) {
		assertThat(readsAsOneValue(body)).as(body).isFalse();
		assertThat(isJsonText(body)).as(body).isFalse();
	}

	@Test
	void agreesWithTheReaderOnRandomMutations() {
		Random random = new Random(20261207);
		int accepted = 0;
		for (int i = 0; i < 300_000; i++) {
			String candidate = mutate(DOCUMENTS.get(random.nextInt(DOCUMENTS.size())), random);
			boolean reader = readsAsOneValue(candidate);
			byte[] written = JsonBodies.jsonText(candidate);
			assertThat(written != null).as("%s", escape(candidate)).isEqualTo(reader);
			if (reader) {
				// the bytes the record gets are the text's UTF-8, whatever path encoded them
				assertThat(written).as("%s", escape(candidate)).isEqualTo(candidate.getBytes(StandardCharsets.UTF_8));
				accepted++;
			}
		}
		// mutations that stay valid are checked as well as those that break the text
		assertThat(accepted).isGreaterThan(10_000);
	}

	@Test
	void keepsWellWithinTheReadersLimits() {
		String longNumber = "[" + "1".repeat(JsonBodies.MAX_NUMBER_LENGTH + 1) + "]";
		assertThat(readsAsOneValue(longNumber)).isTrue();
		assertThat(isJsonText(longNumber)).isFalse();
		assertThat(isJsonText("[" + "1".repeat(JsonBodies.MAX_NUMBER_LENGTH) + "]")).isTrue();
		String longName = "{\"" + "n".repeat(JsonBodies.MAX_NAME_LENGTH + 1) + "\":1}";
		assertThat(isJsonText(longName)).isFalse();
		assertThat(isJsonText("{\"" + "n".repeat(JsonBodies.MAX_NAME_LENGTH) + "\":1}")).isTrue();
		assertThat(isJsonText("[\"" + "s".repeat(JsonBodies.MAX_STRING_LENGTH + 1) + "\"]")).isFalse();
		String deep = "[".repeat(JsonBodies.MAX_DEPTH) + "]".repeat(JsonBodies.MAX_DEPTH);
		assertThat(isJsonText(deep)).isTrue();
		assertThat(isJsonText("[" + deep + "]")).isFalse();
		assertThat(isJsonText("[".repeat(100_000) + "]".repeat(100_000))).isFalse();
	}

	private static String mutate(String document, Random random) {
		StringBuilder text = new StringBuilder(document);
		int edits = 1 + random.nextInt(3);
		for (int e = 0; e < edits; e++) {
			int at = text.isEmpty() ? 0 : random.nextInt(text.length());
			char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
			switch (random.nextInt(5)) {
				case 0 -> text.insert(at, c);
				case 1 -> {
					if (!text.isEmpty()) {
						text.deleteCharAt(at);
					}
				}
				case 2 -> {
					if (!text.isEmpty()) {
						text.setCharAt(at, c);
					}
				}
				case 3 -> text.insert(at, document, 0, random.nextInt(document.length() + 1));
				default -> {
					// a whole value moved elsewhere: keeps many mutations valid
					List<Integer> commas = new ArrayList<>();
					for (int i = 0; i < text.length(); i++) {
						if (text.charAt(i) == ',') {
							commas.add(i);
						}
					}
					if (!commas.isEmpty()) {
						text.insert(commas.get(random.nextInt(commas.size())), ",null");
					}
				}
			}
		}
		return text.toString();
	}

	/** What the writer checked before the scanner: one value, read with the reading parser, with the same bounds. */
	private static boolean readsAsOneValue(String text) {
		if (!delimited(text)) {
			return false;
		}
		try (JsonParser parser = READER.createParser(ObjectReadContext.empty(), text)) {
			int depth = 0;
			JsonToken token = parser.nextToken();
			while (token != null) {
				if (token.isStructStart() && ++depth > JsonBodies.MAX_DEPTH) {
					return false;
				}
				if (token.isStructEnd()) {
					depth--;
				}
				if (token == JsonToken.VALUE_STRING || token == JsonToken.PROPERTY_NAME) {
					parser.getString(); // decoded, so that the reader's own checks of the string run
				}
				if (token.isNumeric()) {
					parser.getNumberValue();
				}
				if (depth == 0) {
					return parser.nextToken() == null;
				}
				token = parser.nextToken();
			}
			return false;
		}
		catch (JacksonException ex) {
			return false;
		}
	}

	/** Starts and ends as an object or an array does, and has no unpaired surrogate. */
	private static boolean delimited(String text) {
		if (text.length() < 2 || !((text.startsWith("{") && text.endsWith("}"))
				|| (text.startsWith("[") && text.endsWith("]")))) {
			return false;
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return false;
			}
		}
		return true;
	}

	private static boolean isJsonText(String text) {
		return JsonBodies.jsonText(text) != null;
	}

	private static String escape(String text) {
		StringBuilder out = new StringBuilder();
		text.chars().forEach((c) -> out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : String.valueOf((char) c)));
		return out.toString();
	}

}
