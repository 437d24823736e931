package io.chronotrace.web.servlet;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.chronotrace.core.trace.Trace;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The response headers a trace records are those a real HTTP client received, including those
 * the container adds only as it commits the response (the language of the locale, the charset of
 * the content type): for a plain answer, a redirect rendered as a view, an error page rendered
 * through the error dispatch, and a streamed body. Only the headers of the connection (its date,
 * length and framing) are not the response's own.
 */
class WireHeadersTests extends AlwaysRecordingTests {

	private static final Set<String> CONNECTION = Set.of("date", "content-length", "transfer-encoding", "connection",
			"keep-alive");

	@Test
	void aPlainAnswer() throws Exception {
		assertSameHeaders(get("/hello"));
	}

	@Test
	void aRedirectRenderedAsAView() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/go")).header("Accept-Language", "fr-CH").GET());
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Content-Language")).hasValue("fr-CH");
		assertSameHeaders(response);
	}

	@Test
	void anErrorPageRenderedThroughTheErrorDispatch() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/boom")).header("Accept", "text/html").GET());
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type.toLowerCase(Locale.ROOT)).contains("charset=utf-8"));
		assertSameHeaders(response);
	}

	@Test
	void aStreamedBody() throws Exception {
		HttpResponse<byte[]> response = getBytes("/download?size=300000");
		assertThat(response.statusCode()).isEqualTo(200);
		assertSameHeaders(response);
	}

	private void assertSameHeaders(HttpResponse<?> response) {
		Trace trace = recorded(response);
		Map<String, List<String>> received = headers(response.headers().map());
		Map<String, List<String>> recorded = headers(trace.response().headers());
		assertThat(recorded).as("recorded %s, received %s", trace.response().headers(), response.headers().map())
			.isEqualTo(received);
	}

	/** Names case-insensitive, values of one name joined, and the headers of the connection left out. */
	private static Map<String, List<String>> headers(Map<String, List<String>> headers) {
		Map<String, List<String>> kept = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		headers.forEach((name, values) -> {
			if (!CONNECTION.contains(name.toLowerCase(Locale.ROOT))) {
				kept.put(name, List.of(String.join(", ", values).replace(" ", "").toLowerCase(Locale.ROOT)));
			}
		});
		return kept;
	}

}
