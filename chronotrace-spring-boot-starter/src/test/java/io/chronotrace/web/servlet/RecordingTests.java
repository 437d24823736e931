package io.chronotrace.web.servlet;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.chronotrace.core.trace.Trace;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Helpers of the tests that send real HTTP requests to the {@link RecordingTestApplication} on
 * an embedded Tomcat and look at the traces it recorded.
 */
abstract class RecordingTests {

	@LocalServerPort
	int port;

	@Autowired
	RecordedTraces traces;

	@Autowired
	CompletedRequests completedRequests;

	final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	URI uri(String pathAndQuery) {
		return URI.create("http://localhost:" + this.port + pathAndQuery);
	}

	HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET());
	}

	/**
	 * Gets a path with a query parameter no other request has, to tell this request apart.
	 */
	HttpResponse<String> getUnique(String path) throws IOException, InterruptedException {
		return get(path + "?probe=" + UUID.randomUUID());
	}

	HttpResponse<byte[]> getBytes(String pathAndQuery) throws IOException, InterruptedException {
		return this.client.send(HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(30)).GET().build(),
				HttpResponse.BodyHandlers.ofByteArray());
	}

	HttpResponse<String> post(String pathAndQuery, String contentType, byte[] body)
			throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri(pathAndQuery))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body)));
	}

	HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * The trace of a response, found by the id in its trace id header.
	 */
	Trace recorded(HttpResponse<?> response) {
		String traceId = response.headers().firstValue(ChronoTraceFilter.TRACE_ID_HEADER).orElse(null);
		assertThat(traceId).as("%s header of %s", ChronoTraceFilter.TRACE_ID_HEADER, response.uri()).isNotNull();
		return this.traces.awaitTrace(traceId);
	}

	/**
	 * Asserts that a response carries no trace id and that no trace of its request was written
	 * once the request had left every filter.
	 */
	void assertNotRecorded(HttpResponse<?> response) {
		assertThat(response.headers().firstValue(ChronoTraceFilter.TRACE_ID_HEADER)).isEmpty();
		URI uri = response.request().uri();
		String pathAndQuery = uri.getRawPath() + "?" + uri.getRawQuery();
		this.completedRequests.awaitCompleted(pathAndQuery);
		assertThat(this.traces.withPath(uri.getRawPath()))
			.noneMatch((trace) -> uri.getRawQuery().equals(trace.request().query()));
	}

}
