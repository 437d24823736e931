package io.chronotrace.core.scrub;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class FormAndTextBodyScrubbingTests {

	private static final String FORM = "application/x-www-form-urlencoded";

	private final BodyScrubbing bodies = new BodyScrubbing(ScrubRules.defaults());

	@Test
	void formFieldsWithSecretNamesAreReplacedAndOthersKeptAsSent() {
		String body = "user=alice&password=hunter%212&remember=on&user%5BapiKey%5D=k1&q=a+b%20c&empty=&flag";
		assertThat(this.bodies.scrub(body, FORM))
			.isEqualTo("user=alice&password=[SCRUBBED]&remember=on&user%5BapiKey%5D=[SCRUBBED]&q=a+b%20c&empty=&flag");
	}

	@Test
	void formValuesGetTheValuePatternsOnTheirDecodedText() {
		String body = "contact=alice%40example.com&cardNumber=4111+1111+1111+1111&note=hello+world";
		assertThat(this.bodies.scrub(body, FORM))
			.isEqualTo("contact=[SCRUBBED]&cardNumber=[SCRUBBED]&note=hello+world");
	}

	@Test
	void formFedOneByteAtATimeGivesTheSameOutput() {
		String body = "a=1&token=abc%2Fdef&b=x%40y.z+mail+bob%40example.com&c=%E2%82%AC&d=%zz%4";
		String whole = this.bodies.scrub(body, FORM, Integer.MAX_VALUE);
		assertThat(whole).isEqualTo("a=1&token=[SCRUBBED]&b=x%40y.z+mail+[SCRUBBED]&c=%E2%82%AC&d=%zz%4");
		for (int piece : List.of(1, 2, 5)) {
			assertThat(this.bodies.scrub(body, FORM, piece)).isEqualTo(whole);
		}
	}

	@Test
	void longFormValueIsScrubbedInPiecesWithMatchesAcrossPieces() {
		String filler = "x".repeat(ScrubbingWindow.CHUNK + ScrubbingWindow.OVERLAP - 10);
		String body = "token=" + "s".repeat(100_000) + "&big=" + filler + "+alice%40example.com+" + filler + "&z=1";
		String scrubbed = this.bodies.scrub(body, FORM, 1000);
		assertThat(scrubbed).isEqualTo("token=[SCRUBBED]&big=" + filler + "+[SCRUBBED]+" + filler + "&z=1");
	}

	@Test
	void textBodyGetsPatternsAndNameValueSecrets() {
		String body = "Dear alice@example.com,\nyour card 4111-1111-1111-1111 is saved.\napi_key=abc123 ok\n";
		assertThat(this.bodies.scrub(body, "text/plain; charset=UTF-8"))
			.isEqualTo("Dear [SCRUBBED],\nyour card [SCRUBBED] is saved.\napi_key=[SCRUBBED] ok\n");
	}

	@Test
	void longTextIsScrubbedWithMatchesAcrossPieces() {
		String email = "someone.special@example.com";
		StringBuilder body = new StringBuilder();
		for (int i = 0; body.length() < 200_000; i++) {
			body.append("line ").append(i).append(' ').append(email).append(" x".repeat(i % 37)).append('\n');
		}
		String scrubbed = this.bodies.scrub(body.toString(), "text/plain;charset=utf-8", 4093);
		assertThat(scrubbed).isEqualTo(body.toString().replace(email, ScrubRules.MARKER));
	}

	@Test
	void textWithoutCharsetKeepsEveryByteOutsideMatches() {
		byte[] body = new byte[600];
		for (int i = 0; i < body.length; i++) {
			body[i] = (byte) i;
		}
		byte[] withEmail = concat(body, " alice@example.com ".getBytes(StandardCharsets.US_ASCII), body);
		byte[] scrubbed = this.bodies.scrub(withEmail, "text/csv", 7);
		assertThat(scrubbed).isEqualTo(concat(body, " [SCRUBBED] ".getBytes(StandardCharsets.US_ASCII), body));
	}

	@Test
	void textIsDecodedAndEncodedWithItsCharset() {
		String body = "caf\u00e9 \u20ac token: s3cr3t";
		byte[] scrubbed = this.bodies.scrub(body.getBytes(StandardCharsets.UTF_16BE), "text/plain; charset=UTF-16BE",
				3);
		assertThat(new String(scrubbed, StandardCharsets.UTF_16BE)).isEqualTo("caf\u00e9 \u20ac token: [SCRUBBED]");
	}

	@ParameterizedTest
	@ValueSource(strings = { "image/png", "application/octet-stream", "application/pdf", "video/mp4",
			"application/zip", "font/woff2" })
	void binaryBodiesAreKeptAsTheyAre(String contentType) {
		byte[] body = "alice@example.com password=x 4111111111111111".getBytes(StandardCharsets.US_ASCII);
		assertThat(this.bodies.scrub(body, contentType, 5)).isEqualTo(body);
	}

	@ParameterizedTest
	@ValueSource(strings = { "text/html", "application/xml", "application/soap+xml", "multipart/form-data; boundary=x",
			"application/x-unknown", "" })
	void textualAndUnknownBodiesGetThePatterns(String contentType) {
		assertThat(this.bodies.scrub("<p>alice@example.com</p>", contentType.isEmpty() ? null : contentType))
			.isEqualTo("<p>[SCRUBBED]</p>");
	}

	@Test
	void scrubbingAStringPicksTheScrubberOfItsContentType() {
		DefaultBodyScrubber scrubber = new DefaultBodyScrubber(ScrubRules.defaults());
		assertThat(scrubber.scrub("{\"token\": \"\u20ac\"}", "application/json")).isEqualTo("{\"token\": \"[SCRUBBED]\"}");
		assertThat(scrubber.scrub("a=\u20ac&secret=1", FORM)).isEqualTo("a=\u20ac&secret=[SCRUBBED]");
		assertThat(scrubber.scrub("secret=1 x@example.com", "text/plain")).isEqualTo("secret=[SCRUBBED] [SCRUBBED]");
	}

	private static byte[] concat(byte[]... parts) {
		int length = 0;
		for (byte[] part : parts) {
			length += part.length;
		}
		byte[] all = new byte[length];
		int offset = 0;
		for (byte[] part : parts) {
			System.arraycopy(part, 0, all, offset, part.length);
			offset += part.length;
		}
		return all;
	}

}
