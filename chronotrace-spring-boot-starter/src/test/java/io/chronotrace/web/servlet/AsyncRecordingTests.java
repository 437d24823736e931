package io.chronotrace.web.servlet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.chronotrace.core.trace.CustomEvent;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.web.servlet.RecordingTestApplication.StreamGate;

import static org.assertj.core.api.Assertions.assertThat;

class AsyncRecordingTests extends AlwaysRecordingTests {

	@Autowired
	StreamGate gate;

	@Test
	void callableRecordsTheFinalResponseNotAnEmptyOne() throws Exception {
		HttpResponse<String> response = get("/callable");

		Trace trace = recorded(response);

		assertThat(response.body()).isEqualTo("from callable");
		assertThat(trace.response().status()).isEqualTo(200);
		assertThat(trace.response().body().content()).isEqualTo("from callable");
		assertThat(trace.response().size()).isEqualTo("from callable".length());
	}

	@Test
	void eventsAddedOnTheRequestThreadAndInTheCallableAreInTheTrace() throws Exception {
		Trace trace = recorded(get("/events"));

		assertThat(trace.events()).extracting((event) -> ((CustomEvent) event).name())
			.containsExactly("on the request thread", "in the callable");
	}

	@Test
	void deferredResultRecordsTheFinalResponseNotAnEmptyOne() throws Exception {
		HttpResponse<String> response = get("/deferred");

		Trace trace = recorded(response);

		assertThat(response.body()).isEqualTo("from deferred");
		assertThat(trace.response().body().content()).isEqualTo("from deferred");
	}

	@Test
	void exceptionOfACallableIsRecordedWithThe500TheClientGot() throws Exception {
		HttpResponse<String> response = get("/callable-boom");

		Trace trace = recorded(response);

		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(trace.response().status()).isEqualTo(500);
		assertThat(trace.exception().type()).isEqualTo(IllegalStateException.class.getName());
		assertThat(trace.exception().message()).isEqualTo("callable boom");
	}

	@Test
	void serverSentEventsReachTheClientBeforeTheStreamEnds() throws Exception {
		this.gate.close();
		HttpResponse<InputStream> response = this.client.send(HttpRequest.newBuilder(uri("/sse")).GET().build(),
				HttpResponse.BodyHandlers.ofInputStream());
		try (BufferedReader reader = reader(response)) {
			// the server is blocked on the gate: the first event can only come from a flush
			assertThat(readUntil(reader, "data:first")).contains("event:tick");
			this.gate.open();
			assertThat(readUntil(reader, "data:second")).isNotEmpty();
		}

		Trace trace = recorded(response);

		assertThat(trace.response().body().content()).contains("data:first", "data:second");
		assertThat(trace.response().body().contentType()).startsWith("text/event-stream");
	}

	@Test
	void streamingResponseBodyReachesTheClientBeforeItEnds() throws Exception {
		this.gate.close();
		HttpResponse<InputStream> response = this.client.send(HttpRequest.newBuilder(uri("/stream")).GET().build(),
				HttpResponse.BodyHandlers.ofInputStream());
		try (BufferedReader reader = reader(response)) {
			assertThat(readUntil(reader, "first")).containsExactly("first");
			this.gate.open();
			assertThat(readUntil(reader, "second")).containsExactly("second");
		}

		Trace trace = recorded(response);

		assertThat(trace.response().body().content()).isEqualTo("first\nsecond\n");
	}

	private static BufferedReader reader(HttpResponse<InputStream> response) {
		return new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
	}

	/**
	 * Reads lines up to the given one, failing if it does not arrive within seconds. On a thread
	 * of its own: from Java 25 on, with 2 processors, {@code CompletableFuture}'s default executor
	 * is the common pool with one worker, which the server's SSE task holds while it waits.
	 */
	private static List<String> readUntil(BufferedReader reader, String expected) throws Exception {
		return CompletableFuture.supplyAsync(() -> {
			List<String> lines = new ArrayList<>();
			try {
				String line;
				while ((line = reader.readLine()) != null) {
					lines.add(line);
					if (line.equals(expected)) {
						return lines;
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			throw new AssertionError("Stream ended before '" + expected + "': " + lines);
		}, (task) -> new Thread(task, "read-until").start()).get(10, TimeUnit.SECONDS);
	}

}
