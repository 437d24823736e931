package io.chronotrace.core.scrub;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/** JSON scrubbing as capture feeds it: in chunks cut anywhere, cut short, huge, deep or not JSON at all. */
class JsonStreamScrubbingTests {

	private static final String JSON = "application/json";

	private static final String MARK = " " + ScrubRules.MARKER;

	private final BodyScrubbing bodies = new BodyScrubbing(ScrubRules.defaults());

	@Test
	void everyChunkingGivesTheSameOutput() {
		String longText = "é 🎉 alice@example.com 4111 1111 1111 1111 \\\"q\\\" ".repeat(900);
		String body = """
				\uFEFF{"a": [1, 2.5, -3e10, true, false, null, "x\\u00e9y"], "password": {"nested": ["deep", {"k": 1}]},
				 "Zoë": "日本語 🎉 alice@example.com", "long": "%s", "token": "abc", "card": 4111111111111111,
				 "tail": {"apiKey": null, "n": 12345678901234567890, "s": "\\ud83c\\udf89 bob\\u0040example.org"}}
				""".formatted(longText);
		String whole = this.bodies.scrub(body, JSON, Integer.MAX_VALUE);
		assertThat(whole).doesNotContain("deep", "alice", "abc", "4111", "bob").contains("12345678901234567890");
		for (int piece : List.of(1, 2, 3, 7, 64, 1000, 8192)) {
			assertThat(this.bodies.scrub(body, JSON, piece)).as("pieces of %d bytes", piece).isEqualTo(whole);
		}
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		Random random = new Random(7);
		for (int run = 0; run < 20; run++) {
			assertThat(scrubInRandomPieces(bytes, random)).as("random pieces, run %d", run).isEqualTo(whole);
		}
	}

	@Test
	void numbersAndLiteralsCutBetweenChunksAreKeptOrScrubbedWhole() {
		String body = "{\"card\": 4111111111111111, \"n\": -12.5e+3, \"t\": true, \"f\": false, \"z\": null, "
				+ "\"big\": 123456789012345678901234567890, \"e\": 0}";
		String expected = body.replace("4111111111111111", "\"[SCRUBBED]\"");
		for (int split = 0; split <= body.length(); split++) {
			assertThat(scrubInTwo(body, split, ScrubRules.defaults())).as("split at %d", split).isEqualTo(expected);
		}
		for (String number : List.of("4111111111111111", "12345", "-0.5e3", "0")) {
			String scrubbed = number.equals("4111111111111111") ? "\"[SCRUBBED]\"" : number;
			for (int split = 0; split <= number.length(); split++) {
				assertThat(scrubInTwo(number, split, ScrubRules.defaults())).as("%s split at %d", number, split)
					.isEqualTo(scrubbed);
			}
		}
	}

	@Test
	void matchesAcrossWindowBoundariesOfAHugeStringAreFound() {
		StringBuilder text = new StringBuilder();
		for (int i = 0; text.length() < 5 * JsonStringScrubber.WINDOW; i++) {
			text.append("x".repeat(i % 37)).append(" é alice").append(i).append("@example.com ")
				.append((i % 3 == 0) ? "🎉" : "").append("4111-1111-1111-1111 \\\"");
		}
		String body = "{\"blob\": \"" + text + "\", \"after\": \"bob@example.org\"}";
		String expected = body.replaceAll("alice[0-9]+@example\\.com|bob@example\\.org|4111-1111-1111-1111",
				ScrubRules.MARKER);
		assertThat(this.bodies.scrub(body, JSON, Integer.MAX_VALUE)).isEqualTo(expected);
		assertThat(this.bodies.scrub(body, JSON, 8192)).isEqualTo(expected);
		assertThat(this.bodies.scrub(body, JSON, 1)).isEqualTo(expected);
	}

	@Test
	void userPatternMatchesAcrossWindowBoundariesOfAHugeStringAreFound() {
		ScrubRules rules = ScrubRules.of(ScrubRules.DEFAULT_KEYS, List.of("tok_[0-9a-f]{8}"));
		String text = "base64+/xyz tok_0123abcd ".repeat(4 * JsonStringScrubber.WINDOW / 25);
		String body = "[\"" + text + "\"]";
		String expected = body.replace("tok_0123abcd", ScrubRules.MARKER);
		assertThat(new BodyScrubbing(rules).scrub(body, JSON, Integer.MAX_VALUE)).isEqualTo(expected);
		assertThat(new BodyScrubbing(rules).scrub(body, JSON, 3)).isEqualTo(expected);
	}

	@Test
	void hugeStringWithoutMatchesIsCopiedAsItCame() {
		String body = "{\"image\": \"" + "iVBORw0KGgo+/=".repeat(80_000) + "\"}";
		assertThat(this.bodies.scrub(body, JSON, 8192)).isEqualTo(body);
	}

	@Test
	void bodyCutAtEveryByteIsAPrefixOfTheScrubbedBodyWithoutAnySecret() {
		String body = """
				{"id": 7, "pass\\u0077ord": "hunter2pass", "token": {"v": "t0ken-value", "n": [1, 2]},
				 "note": "mail alice@example.com", "card": 4111111111111111, "c2": "5555 5555 5555 4444",
				 "hidden": "bob\\u0040example.org", "ok": [true, null, -1.5], "end": "done"}""";
		String whole = this.bodies.scrub(body, JSON);
		for (int cut = 0; cut <= body.length(); cut++) {
			String truncated = body.substring(0, cut);
			for (int piece : List.of(1, 5, Integer.MAX_VALUE)) {
				String scrubbed = this.bodies.scrub(truncated, JSON, piece);
				assertThat(whole).as("cut at %d, pieces of %d", cut, piece).startsWith(scrubbed);
				assertThat(scrubbed).as("cut at %d, pieces of %d", cut, piece)
					.doesNotContain("hunter", "t0ken", "alice", "4111", "5555", "bob");
			}
		}
	}

	@Test
	void deepNestingIsBoundedWithoutRecursion() {
		int limit = JsonScanner.MAX_DEPTH;
		String deepest = "[".repeat(limit) + "]".repeat(limit);
		assertThat(this.bodies.scrub(deepest, JSON)).isEqualTo(deepest);
		String secret = "{\"secret\": " + "{\"a\": [".repeat(limit / 2 - 1) + "\"s\"" + "]}".repeat(limit / 2 - 1)
				+ ", \"b\": 1}";
		assertThat(this.bodies.scrub(secret, JSON, 64)).isEqualTo("{\"secret\": \"[SCRUBBED]\", \"b\": 1}");
		String tooDeep = "[".repeat(100_000) + "]".repeat(100_000);
		assertThat(this.bodies.scrub(tooDeep, JSON)).isEqualTo("[".repeat(limit) + MARK);
		assertThat(this.bodies.scrub("{\"a\":" + tooDeep + "}", JSON, 7))
			.isEqualTo("{\"a\":" + "[".repeat(limit - 1) + MARK);
	}

	@Test
	void namesLongerThanTheBoundAreTakenAsSecret() {
		String bounded = "a".repeat(JsonStringScanner.MAX_NAME);
		String longer = "a".repeat(JsonStringScanner.MAX_NAME + 1);
		String withMail = "x".repeat(3000) + " alice@example.com";
		String body = "{\"" + bounded + "\": \"kept\", \"" + longer + "\": \"hunter2\", \"" + withMail + "\": [\"s\"]}";
		String expected = "{\"" + bounded + "\": \"kept\", \"" + longer + "\": \"[SCRUBBED]\", \""
				+ withMail.replace("alice@example.com", ScrubRules.MARKER) + "\": \"[SCRUBBED]\"}";
		assertThat(this.bodies.scrub(body, JSON, Integer.MAX_VALUE)).isEqualTo(expected);
		assertThat(this.bodies.scrub(body, JSON, 7)).isEqualTo(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "not json", "<html><body>alice@example.com</body></html>", "hunter2", "{'a': 1}",
			"[1, 2,, 3]", "{\"a\" 1}", "{\"a\": 1]", "[01]", "[1.]", "[-]", "[tru]", "[\"a\u0001b\"]", "[\"\\x\"]",
			"[\"\\u12g4\"]", "}" })
	void malformedBodiesEndWithTheMarkerAndNothingUnscanned(String body) {
		String scrubbed = this.bodies.scrub(body, JSON, 3);
		assertThat(scrubbed).endsWith(MARK).doesNotContain("alice", "hunter", "\u0001");
		assertThat(scrubbed.length()).isLessThanOrEqualTo(body.length() + MARK.length());
	}

	@Test
	void garbageAfterValidJsonIsNeverPassedOn() {
		byte[] garbage = new byte[4096];
		Random random = new Random(11);
		String prefix = "{\"a\": \"alice@example.com\", \"b\": ";
		for (int run = 0; run < 50; run++) {
			random.nextBytes(garbage);
			byte[] body = concat(prefix.getBytes(StandardCharsets.UTF_8), garbage,
					" \"carol@example.com\"}".getBytes(StandardCharsets.UTF_8));
			String scrubbed = new String(this.bodies.scrub(body, JSON, 1 + run), StandardCharsets.UTF_8);
			assertThat(scrubbed).as("run %d", run).startsWith("{\"a\": \"[SCRUBBED]\", \"b\": ").endsWith(MARK)
				.doesNotContain("alice", "carol");
		}
	}

	@Test
	void jsonInUtf16IsNotPassedOnUnlessItsCharsetSaysSo() {
		String body = "\uFEFF{\"password\": \"hunter2\"}";
		byte[] utf16 = body.getBytes(StandardCharsets.UTF_16BE);
		assertThat(this.bodies.scrub(utf16, JSON, 5)).isEqualTo(MARK.getBytes(StandardCharsets.UTF_8));
		byte[] declared = this.bodies.scrub(utf16, "application/json; charset=UTF-16", 5);
		assertThat(new String(declared, StandardCharsets.UTF_16)).isEqualTo("{\"password\": \"[SCRUBBED]\"}");
	}

	@Test
	void writingAfterCloseFails() throws IOException {
		OutputStream out = new DefaultBodyScrubber(ScrubRules.defaults()).scrubbing(new ByteArrayOutputStream(), JSON);
		out.write('1');
		out.flush();
		out.close();
		out.close();
		assertThatIOException().isThrownBy(() -> out.write('2'));
	}

	private String scrubInRandomPieces(byte[] body, Random random) {
		ByteArrayOutputStream target = new ByteArrayOutputStream();
		try (OutputStream out = new DefaultBodyScrubber(ScrubRules.defaults()).scrubbing(target, JSON)) {
			for (int offset = 0; offset < body.length;) {
				int length = Math.min(body.length - offset, 1 + random.nextInt(random.nextBoolean() ? 16 : 20_000));
				out.write(body, offset, length);
				offset += length;
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return target.toString(StandardCharsets.UTF_8);
	}

	private static String scrubInTwo(String body, int split, ScrubRules rules) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		ByteArrayOutputStream target = new ByteArrayOutputStream();
		try (OutputStream out = new DefaultBodyScrubber(rules).scrubbing(target, JSON)) {
			out.write(bytes, 0, split);
			out.write(bytes, split, bytes.length - split);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return target.toString(StandardCharsets.UTF_8);
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			all.writeBytes(part);
		}
		return all.toByteArray();
	}

}
