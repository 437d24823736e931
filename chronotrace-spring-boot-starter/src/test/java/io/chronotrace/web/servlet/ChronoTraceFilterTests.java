package io.chronotrace.web.servlet;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceBody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ChronoTraceFilterTests extends AlwaysRecordingTests {

	@Test
	void recordedExchangeHasEveryFieldOfTheRequestAndTheResponseTheClientGot() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/hello?a=1&a=2"))
			.header("X-Multi", "one")
			.header("X-Multi", "two")
			.header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
			.GET());

		Trace trace = recorded(response);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("hello");
		assertThat(trace.id().toString()).isEqualTo(response.headers().firstValue("X-ChronoTrace-Id").get());
		assertThat(trace.application()).isEqualTo("recording-test");
		assertThat(trace.startTime()).isCloseTo(Instant.now(), within(Duration.ofMinutes(1)));
		assertThat(trace.request().method()).isEqualTo("GET");
		assertThat(trace.request().url()).isEqualTo("http://localhost:" + this.port + "/hello?a=1&a=2");
		assertThat(trace.request().path()).isEqualTo("/hello");
		assertThat(trace.request().query()).isEqualTo("a=1&a=2");
		assertThat(header(trace.request().headers(), "X-Multi")).containsExactly("one", "two");
		assertThat(trace.request().remoteAddress()).isEqualTo("127.0.0.1");
		assertThat(trace.request().body()).isNull();
		assertThat(trace.response().status()).isEqualTo(200);
		assertThat(trace.response().size()).isEqualTo(5);
		assertThat(trace.response().body().content()).isEqualTo("hello");
		assertThat(header(trace.response().headers(), "Content-Type")).singleElement()
			.asString()
			.startsWith("text/plain");
		assertThat(header(trace.response().headers(), "X-ChronoTrace-Id")).containsExactly(trace.id().toString());
		assertThat(trace.tracing().traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
		assertThat(trace.exception()).isNull();
	}

	@Test
	void exceptionThatEscapesTheControllerIsRecordedWithThe500TheClientGot() throws Exception {
		HttpResponse<String> response = get("/boom");

		Trace trace = recorded(response);

		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(trace.response().status()).isEqualTo(500);
		assertThat(trace.exception().type()).isEqualTo(IllegalStateException.class.getName());
		assertThat(trace.exception().message()).isEqualTo("boom");
		assertThat(trace.exception().stackTrace()).isNotEmpty().hasSizeLessThanOrEqualTo(50);
		assertThat(trace.summary().exceptionType()).isEqualTo(IllegalStateException.class.getName());
	}

	@Test
	void errorSentByTheApplicationIsRecordedWithItsStatus() throws Exception {
		HttpResponse<String> response = get("/unavailable");

		Trace trace = recorded(response);

		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(trace.response().status()).isEqualTo(503);
	}

	@Test
	void actuatorEndpointsAreNotRecorded() throws Exception {
		HttpResponse<String> response = getUnique("/actuator/health");

		assertThat(response.statusCode()).isEqualTo(200);
		assertNotRecorded(response);
	}

	@Test
	void staticResourcesAreNotRecorded() throws Exception {
		assertNotRecorded(getUnique("/favicon.ico"));
		assertNotRecorded(getUnique("/assets/app.js"));
		assertNotRecorded(getUnique("/deep/path/styles.css"));
	}

	@Test
	void containerRulesStillApplyToTheWrappedResponse() throws Exception {
		HttpResponse<String> response = get("/writer-then-stream");

		Trace trace = recorded(response);

		assertThat(response.body()).isEqualTo("rejected");
		assertThat(trace.response().body().content()).isEqualTo("rejected");
	}

	@Test
	void responseBodyIsDecodedWithTheCharsetOfItsContentType() throws Exception {
		HttpResponse<String> response = get("/latin1");

		TraceBody body = recorded(response).response().body();

		assertThat(response.body()).isEqualTo("Crème brûlée à la française");
		assertThat(body.content()).isEqualTo("Crème brûlée à la française");
		assertThat(body.charset()).isEqualTo("ISO-8859-1");
	}

	static List<String> header(Map<String, List<String>> headers, String name) {
		return headers.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().equalsIgnoreCase(name))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElse(List.of());
	}

}
