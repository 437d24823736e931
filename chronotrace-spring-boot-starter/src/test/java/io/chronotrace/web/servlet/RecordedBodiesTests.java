package io.chronotrace.web.servlet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceAttachment;
import io.chronotrace.core.trace.TraceBody;

import static org.assertj.core.api.Assertions.assertThat;

class RecordedBodiesTests extends AlwaysRecordingTests {

	private static final long HUNDRED_MEGABYTES = 100L * 1024 * 1024;

	@Test
	void utf8JsonWithNonAsciiTextStaysReadable() throws Exception {
		String json = "{\"name\":\"Jürgen 東京\"}";

		HttpResponse<String> response = post("/greeting", "application/json", json.getBytes(StandardCharsets.UTF_8));
		Trace trace = recorded(response);

		assertThat(trace.request().body().encoding()).isEqualTo(TraceBody.Encoding.TEXT);
		assertThat(trace.request().body().content()).isEqualTo(json);
		assertThat(trace.response().body().content()).contains("Grüß dich, Jürgen 東京! 你好");
	}

	@Test
	void latin1TextBodyIsDecodedWithItsCharset() throws Exception {
		byte[] latin1 = "Café au lait, s'il vous plaît".getBytes(StandardCharsets.ISO_8859_1);

		HttpResponse<String> response = post("/echo", "text/plain;charset=ISO-8859-1", latin1);
		Trace trace = recorded(response);

		assertThat(trace.request().body().content()).isEqualTo("Café au lait, s'il vous plaît");
		assertThat(trace.request().body().charset()).isEqualTo("ISO-8859-1");
		assertThat(trace.response().body().content()).isEqualTo("Café au lait, s'il vous plaît");
	}

	@Test
	void binaryBodyIsKeptAsBase64() throws Exception {
		byte[] bytes = { 0, 1, 2, (byte) 0xfe, (byte) 0xff };

		Trace trace = recorded(post("/echo", "application/octet-stream", bytes));

		assertThat(trace.request().body().encoding()).isEqualTo(TraceBody.Encoding.BASE64);
		assertThat(Base64.getDecoder().decode(trace.request().body().content())).isEqualTo(bytes);
	}

	@Test
	void formPostStillReachesRequestParamsAndTheTraceShowsItsFields() throws Exception {
		String form = "name=J%C3%BCrgen+M%C3%BCller&age=42";

		HttpResponse<String> response = post("/form?source=newsletter", "application/x-www-form-urlencoded",
				form.getBytes(StandardCharsets.US_ASCII));
		Trace trace = recorded(response);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("Jürgen Müller is 42");
		assertThat(trace.request().body().content()).isEqualTo(form);
		assertThat(trace.request().query()).isEqualTo("source=newsletter");
	}

	@Test
	void multipartUploadStillReachesMultipartFileAndTheTraceSummarizesItsParts() throws Exception {
		byte[] file = new byte[5000];
		new PatternInputStream(file.length).read(file);
		String boundary = "chronotrace-boundary-7MA4YWxkTrZu0gW";
		ByteArrayOutputStream multipart = new ByteArrayOutputStream();
		multipart.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n"
				+ "Quarterly report\r\n--" + boundary + "\r\n"
				+ "Content-Disposition: form-data; name=\"file\"; filename=\"report.bin\"\r\n"
				+ "Content-Type: application/octet-stream\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8));
		multipart.write(file);
		multipart.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));

		HttpResponse<String> response = post("/upload", "multipart/form-data; boundary=" + boundary,
				multipart.toByteArray());
		Trace trace = recorded(response);

		assertThat(response.body())
			.isEqualTo("Quarterly report:report.bin:" + Checksums.sha256(new PatternInputStream(file.length)));
		TraceBody body = trace.request().body();
		assertThat(body.contentType()).isEqualTo("application/json");
		JsonNode summary = JsonMapper.shared().readTree(body.content());
		assertThat(summary.at("/fields/title/0").asString()).isEqualTo("Quarterly report");
		assertThat(summary.at("/files/0/name").asString()).isEqualTo("file");
		assertThat(summary.at("/files/0/filename").asString()).isEqualTo("report.bin");
		assertThat(summary.at("/files/0/contentType").asString()).isEqualTo("application/octet-stream");
		assertThat(summary.at("/files/0/size").asLong()).isEqualTo(5000);
	}

	@Test
	void bodyOverTheCaptureLimitIsStoredCutAndMarkedTruncatedWithItsSize() throws Exception {
		byte[] text = "All work and no play makes Jack a dull boy. ".repeat(2500).getBytes(StandardCharsets.UTF_8);

		HttpResponse<String> response = post("/echo", "text/plain;charset=UTF-8", text);
		Trace trace = recorded(response);

		assertThat(response.body()).hasSize(text.length);
		for (TraceBody body : new TraceBody[] { trace.request().body(), trace.response().body() }) {
			assertThat(body.size()).isEqualTo(text.length);
			assertThat(body.capturedSize()).isEqualTo(CAPTURE_LIMIT);
			assertThat(body.truncated()).isTrue();
			assertThat(body.encoding()).isEqualTo(TraceBody.Encoding.ATTACHMENT);
			assertThat(Files.readAllBytes(attachment(trace, body.attachment()).file()))
				.isEqualTo(Arrays.copyOf(text, CAPTURE_LIMIT));
		}
		assertThat(trace.response().size()).isEqualTo(text.length);
	}

	@Test
	void hundredMegabyteUploadPassesThroughUnchangedWhileTheTraceKeepsOnlyTheCappedPart() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/upload-raw"))
			.header("Content-Type", "application/octet-stream")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new PatternInputStream(HUNDRED_MEGABYTES))));
		Trace trace = recorded(response);

		assertThat(response.body()).isEqualTo(Checksums.sha256(new PatternInputStream(HUNDRED_MEGABYTES)));
		TraceBody body = trace.request().body();
		assertThat(body.size()).isEqualTo(HUNDRED_MEGABYTES);
		assertThat(body.capturedSize()).isEqualTo(CAPTURE_LIMIT);
		assertThat(body.truncated()).isTrue();
		assertThat(Files.size(attachment(trace, body.attachment()).file())).isEqualTo(CAPTURE_LIMIT);
	}

	@Test
	void hundredMegabyteDownloadPassesThroughUnchangedWhileTheTraceKeepsOnlyTheCappedPart() throws Exception {
		HttpResponse<InputStream> response = this.client.send(
				HttpRequest.newBuilder(uri("/download?size=" + HUNDRED_MEGABYTES)).GET().build(),
				HttpResponse.BodyHandlers.ofInputStream());
		String received;
		try (InputStream body = response.body()) {
			received = Checksums.sha256(body);
		}
		Trace trace = recorded(response);

		assertThat(received).isEqualTo(Checksums.sha256(new PatternInputStream(HUNDRED_MEGABYTES)));
		TraceBody body = trace.response().body();
		assertThat(trace.response().size()).isEqualTo(HUNDRED_MEGABYTES);
		assertThat(body.size()).isEqualTo(HUNDRED_MEGABYTES);
		assertThat(body.capturedSize()).isEqualTo(CAPTURE_LIMIT);
		assertThat(Files.size(attachment(trace, body.attachment()).file())).isEqualTo(CAPTURE_LIMIT);
	}

	private static TraceAttachment attachment(Trace trace, String name) throws IOException {
		return trace.attachments()
			.stream()
			.filter((attachment) -> attachment.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new IOException("No attachment " + name + " in " + trace.attachments()));
	}

}
