package io.chronotrace.core.support;

import java.nio.charset.StandardCharsets;

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

}
