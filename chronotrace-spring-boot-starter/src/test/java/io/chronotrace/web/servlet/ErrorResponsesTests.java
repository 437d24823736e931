package io.chronotrace.web.servlet;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceBody;

import static io.chronotrace.web.servlet.ChronoTraceFilterTests.header;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Error responses rendered by Spring Boot's error handling, after the dispatch that failed, are
 * recorded as the client got them.
 */
class ErrorResponsesTests extends AlwaysRecordingTests {

	@Test
	void unknownPathIsRecordedWithTheNotFoundPageTheClientGot() throws Exception {
		HttpResponse<byte[]> response = getBytes("/no-such-page");

		assertThat(response.statusCode()).isEqualTo(404);
		assertRecordedAsReceived(response);
	}

	@Test
	void responseStatusExceptionIsRecordedWithTheErrorPageTheClientGot() throws Exception {
		HttpResponse<byte[]> response = getBytes("/conflict");

		Trace trace = assertRecordedAsReceived(response);

		assertThat(response.statusCode()).isEqualTo(409);
		assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("\"status\":409", "\"path\":\"/conflict\"");
		assertThat(trace.exception()).isNull();
	}

	@Test
	void escapedExceptionIsRecordedWithTheErrorPageTheClientGot() throws Exception {
		HttpResponse<byte[]> response = getBytes("/boom");

		Trace trace = assertRecordedAsReceived(response);

		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("\"status\":500");
		assertThat(trace.exception().message()).isEqualTo("boom");
	}

	@Test
	void problemDetailAnswerIsRecordedAsTheClientGotIt() throws Exception {
		HttpResponse<byte[]> response = getBytes("/out-of-stock");

		Trace trace = assertRecordedAsReceived(response);

		assertThat(response.statusCode()).isEqualTo(422);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(trace.response().body().content()).contains("\"detail\":\"Only 2 left of product 7\"");
	}

	@Test
	void errorPageIsScrubbedLikeAnyOtherBody() throws Exception {
		HttpResponse<byte[]> response = getBytes("/customers/ada@example.com/avatar");

		Trace trace = recorded(response);

		String received = new String(response.body(), StandardCharsets.UTF_8);
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(received).contains("ada@example.com");
		assertThat(trace.response().body().content())
			.isEqualTo(received.replace("ada@example.com", "[SCRUBBED]"))
			.doesNotContain("ada@example.com");
	}

	@Test
	void traceOfAnErrorResponseIsStoredOnce() throws Exception {
		String probe = UUID.randomUUID().toString();
		HttpResponse<byte[]> response = getBytes("/conflict?probe=" + probe);

		recorded(response);

		this.completedRequests.awaitCompleted("/conflict?probe=" + probe);
		assertThat(this.traces.withPath("/conflict"))
			.filteredOn((trace) -> ("probe=" + probe).equals(trace.request().query()))
			.hasSize(1);
	}

	@Test
	void traceOfAnErrorResponseHoldsTheRequestAsItArrived() throws Exception {
		HttpResponse<byte[]> response = getBytes("/conflict?a=1");

		Trace trace = recorded(response);

		assertThat(trace.request().path()).isEqualTo("/conflict");
		assertThat(trace.request().url()).isEqualTo("http://localhost:" + this.port + "/conflict?a=1");
		assertThat(header(trace.response().headers(), ChronoTraceFilter.TRACE_ID_HEADER))
			.containsExactly(trace.id().toString());
	}

	/**
	 * Asserts that the trace of a response holds the status, content type, size and body the
	 * client received.
	 */
	Trace assertRecordedAsReceived(HttpResponse<byte[]> response) {
		Trace trace = recorded(response);
		assertRecordedAsReceived(trace, response);
		return trace;
	}

	static void assertRecordedAsReceived(Trace trace, HttpResponse<byte[]> response) {
		URI uri = response.uri();
		String contentType = response.headers().firstValue("Content-Type").orElseThrow();
		assertThat(response.body()).as("body of %s", uri).isNotEmpty();
		assertThat(trace.response().status()).isEqualTo(response.statusCode());
		assertThat(header(trace.response().headers(), "Content-Type")).containsExactly(contentType);
		assertThat(trace.response().size()).isEqualTo(response.body().length);
		TraceBody body = trace.response().body();
		assertThat(body.encoding()).isEqualTo(TraceBody.Encoding.TEXT);
		assertThat(body.contentType()).isEqualTo(contentType);
		assertThat(body.truncated()).isFalse();
		assertThat(body.content()).isEqualTo(new String(response.body(), StandardCharsets.UTF_8));
	}

}
