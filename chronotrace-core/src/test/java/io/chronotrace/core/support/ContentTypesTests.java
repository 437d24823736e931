package io.chronotrace.core.support;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ContentTypesTests {

	@ParameterizedTest
	@ValueSource(strings = { "text/plain", "text/html; charset=UTF-8", "TEXT/CSV", "application/json",
			"application/problem+json", "application/vnd.api+json;charset=utf-8", "application/xml", "image/svg+xml",
			"application/x-www-form-urlencoded", "application/javascript", "application/graphql",
			"text/event-stream", "application/x-ndjson", "application/yaml" })
	void textualTypesAreText(String contentType) {
		assertThat(ContentTypes.isTextual(contentType)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "application/octet-stream", "image/png", "application/pdf", "multipart/form-data",
			"application/zip", "video/mp4", "application/protobuf", "", "json" })
	void binaryTypesAreNotText(String contentType) {
		assertThat(ContentTypes.isTextual(contentType)).isFalse();
	}

	@Test
	void noContentTypeIsNotText() {
		assertThat(ContentTypes.isTextual(null)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "application/json", "Application/JSON; charset=utf-8", "application/problem+json",
			"application/vnd.api+json;v=2", "text/json" })
	void jsonTypesAreJson(String contentType) {
		assertThat(ContentTypes.isJson(contentType)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "json", "/json", "text/plain", "application/jsonl", "application/x-ndjson",
			"application/json-seq", "application/xml" })
	void otherTypesAreNotJson(String contentType) {
		assertThat(ContentTypes.isJson(contentType)).isFalse();
	}

	@Test
	void charsetIsReadFromTheParameterInAnyCaseAndQuoting() {
		assertThat(ContentTypes.charset("text/plain;charset=ISO-8859-1")).isEqualTo(StandardCharsets.ISO_8859_1);
		assertThat(ContentTypes.charset("text/plain; Charset=\"utf-8\"; format=flowed"))
			.isEqualTo(StandardCharsets.UTF_8);
	}

	@Test
	void charsetIsNullWhenAbsentOrUnknown() {
		assertThat(ContentTypes.charset("application/json")).isNull();
		assertThat(ContentTypes.charset("text/plain;charset=no-such-charset")).isNull();
		assertThat(ContentTypes.charset(null)).isNull();
	}

	@Test
	void mimeTypeDropsParametersAndCase() {
		assertThat(ContentTypes.mimeType(" Application/JSON ; charset=utf-8")).isEqualTo("application/json");
	}

	@Test
	void blanksAroundTheTypeAndAnyCaseOfItsLettersAreRead() {
		assertThat(ContentTypes.isTextual(" \tText/Plain \t; charset=utf-8")).isTrue();
		assertThat(ContentTypes.isTextual("APPLICATION/X-WWW-FORM-URLENCODED")).isTrue();
		assertThat(ContentTypes.isJson("\tAPPLICATION/PROBLEM+JSON ")).isTrue();
		assertThat(ContentTypes.isTextual("application/ json")).isFalse();
		assertThat(ContentTypes.isTextual("text")).isFalse();
		assertThat(ContentTypes.isJson(" /json")).isFalse();
	}

	@Test
	void lettersOutsideAsciiNeverFoldIntoATextualType() {
		// the Kelvin sign lower-cases to 'k' and the dotted capital I to "i" and a dot
		assertThat(ContentTypes.isTextual("applİcation/json")).isFalse();
		assertThat(ContentTypes.isTextual("\u212Aext/plain")).isFalse();
		assertThat(ContentTypes.isJson("application/\u0130son")).isFalse();
	}

	/**
	 * The checks read the content type in place; this is what they did with the strings
	 * {@link ContentTypes#mimeType} makes, and random content types must get the same answers.
	 */
	@Test
	void answersAsTheCheckOfTheLowerCasedMimeTypeDoes() {
		String[] pieces = { "text", "TEXT", "Text", "application", "APPLICATION", "message", "image", "multipart", "/",
				"//", "json", "JSON", "+json", "+JSON", "+xml", "xml", "x-www-form-urlencoded", "x-ndjson", "yaml",
				"jsonl", "csv", " ", "\t", "\u000b", ";", "; charset=utf-8", "=", "\"", "İ", "\u212A", "ı", "ſ", "é",
				"vnd.api", "problem", "-", ".", "x", "" };
		Random random = new Random(20261207);
		for (int i = 0; i < 300_000; i++) {
			StringBuilder type = new StringBuilder();
			int count = random.nextInt(6);
			for (int j = 0; j < count; j++) {
				type.append(pieces[random.nextInt(pieces.length)]);
			}
			String contentType = type.toString();
			assertThat(ContentTypes.isTextual(contentType)).as("isTextual(\"%s\")", contentType)
				.isEqualTo(textualAsBefore(contentType));
			assertThat(ContentTypes.isJson(contentType)).as("isJson(\"%s\")", contentType)
				.isEqualTo(jsonAsBefore(contentType));
		}
	}

	private static final Set<String> TEXTUAL_APPLICATION_TYPES = Set.of("json", "xml", "x-www-form-urlencoded",
			"javascript", "x-javascript", "ecmascript", "graphql", "x-ndjson", "ndjson", "jsonl", "yaml", "x-yaml",
			"csv", "sql", "x-sh", "x-httpd-php", "xhtml");

	private static boolean textualAsBefore(String contentType) {
		String mimeType = lowerCasedMimeType(contentType);
		int slash = mimeType.indexOf('/');
		if (slash < 0) {
			return false;
		}
		String type = mimeType.substring(0, slash);
		String subtype = mimeType.substring(slash + 1);
		if (type.equals("text") || subtype.endsWith("+json") || subtype.endsWith("+xml")) {
			return true;
		}
		return (type.equals("application") || type.equals("message")) && TEXTUAL_APPLICATION_TYPES.contains(subtype);
	}

	private static boolean jsonAsBefore(String contentType) {
		String mimeType = lowerCasedMimeType(contentType);
		int slash = mimeType.indexOf('/');
		return slash > 0 && (mimeType.endsWith("/json") || mimeType.endsWith("+json"));
	}

	private static String lowerCasedMimeType(String contentType) {
		int semicolon = contentType.indexOf(';');
		String mimeType = (semicolon >= 0) ? contentType.substring(0, semicolon) : contentType;
		return mimeType.trim().toLowerCase(Locale.ROOT);
	}

}
