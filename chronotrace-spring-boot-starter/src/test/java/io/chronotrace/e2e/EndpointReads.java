package io.chronotrace.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reads a recorded trace back through the {@code chronotrace} endpoint of a running
 * application, as its user would: the listing shows it, and its URL answers with the trace.
 */
public final class EndpointReads {

	private EndpointReads() {
	}

	/**
	 * The properties that expose the endpoint over HTTP.
	 * @return the command-line arguments
	 */
	public static String exposure() {
		return "--management.endpoints.web.exposure.include=health,chronotrace";
	}

	/**
	 * Waits until the endpoint lists a trace, then reads it through its URL.
	 * @param port the application's port
	 * @param id the trace id, as the {@code X-ChronoTrace-Id} header gave it
	 * @param path the request path the trace must show
	 * @throws Exception when the endpoint cannot be reached
	 */
	public static void assertListedAndRead(int port, String id, String path) throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			HttpResponse<String> list = get(client, port, "/actuator/chronotrace?limit=100");
			assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
			List<String> ids = JsonPath.parse(list.body()).read("$.traces[*].id");
			assertThat(ids).contains(id);
		});
		HttpResponse<String> trace = get(client, port, "/actuator/chronotrace/" + id);
		assertThat(trace.statusCode()).as(trace.body()).isEqualTo(200);
		DocumentContext json = JsonPath.parse(trace.body());
		assertThat(json.read("$.id", String.class)).isEqualTo(id);
		assertThat(json.read("$.request.path", String.class)).isEqualTo(path);
	}

	private static HttpResponse<String> get(HttpClient client, int port, String path) throws Exception {
		return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Accept", "application/json")
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
