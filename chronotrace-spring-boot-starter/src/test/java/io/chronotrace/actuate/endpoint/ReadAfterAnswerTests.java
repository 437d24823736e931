package io.chronotrace.actuate.endpoint;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.chronotrace.actuate.endpoint.ui.TraceBrowserTestApplication;
import io.chronotrace.core.storage.BatchStoreResult;
import io.chronotrace.core.storage.ForwardingTraceStorage;
import io.chronotrace.core.storage.memory.InMemoryTraceStorage;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.write.TraceWriter;
import io.chronotrace.web.TraceHeaders;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that reads or deletes a trace as soon as its request was answered, by the id of the
 * answer's header, finds it, though the writer stores it a while later: here the storage takes 300 ms
 * per batch, as a slow disk or a remote store under load can.
 */
@DirtiesContext
@SpringBootTest(classes = { TraceBrowserTestApplication.class, ReadAfterAnswerTests.SlowStorageConfiguration.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "chronotrace.mode=always", "management.endpoints.web.exposure.include=chronotrace",
				"management.endpoint.chronotrace.access=unrestricted" })
@Import(ReadAfterAnswerTests.SlowStorageConfiguration.class)
class ReadAfterAnswerTests {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	@LocalServerPort
	private int port;

	@Autowired
	private TraceWriter writer;

	@Autowired
	private SlowStorage storage;

	@Test
	void aTraceIsReadAndListedRightAfterItsAnswer() {
		String id = recordedRequest("/api/products/1");

		ResponseEntity<Map<String, Object>> read = read(id);
		assertThat(read.getStatusCode().value()).isEqualTo(200);
		assertThat(read.getBody()).containsEntry("id", id);

		String second = recordedRequest("/api/products/2");
		Map<String, Object> page = client().get().uri("/actuator/chronotrace").retrieve().body(JSON);
		List<String> listed = ((List<?>) page.get("traces")).stream()
			.map((trace) -> String.valueOf(((Map<?, ?>) trace).get("id")))
			.toList();
		assertThat(listed).contains(id, second);
	}

	@Test
	void aTraceIsDeletedRightAfterItsAnswerAndDoesNotComeBack() {
		String id = recordedRequest("/api/products/3");
		ResponseEntity<Void> deleted = client().delete()
			.uri("/actuator/chronotrace/{id}", id)
			.retrieve()
			.onStatus(HttpStatusCode::isError, (request, response) -> {
			})
			.toBodilessEntity();
		assertThat(deleted.getStatusCode().value()).isEqualTo(204);
		ResponseEntity<Map<String, Object>> read = read(id);
		assertThat(read.getStatusCode().value()).isEqualTo(404);
	}

	@Test
	void aTraceThatDoesNotExistIsNotFoundAtOnceWithOneLookWhenNothingIsQueued() {
		assertThat(this.writer.awaitStored(Duration.ofSeconds(10))).as("the other tests' traces stored").isTrue();
		TraceId unknown = TraceId.create(java.time.Instant.now());
		long started = System.nanoTime();
		ResponseEntity<Map<String, Object>> read = read(unknown);
		assertThat(read.getStatusCode().value()).isEqualTo(404);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(ChronoTraceEndpoint.READ_WAIT);
		assertThat(this.storage.retrievals(unknown)).isEqualTo(1);
	}

	/** Sends a request and gives the id of its trace from the answer's header. */
	private String recordedRequest(String path) {
		String id = client().get()
			.uri(path)
			.retrieve()
			.toEntity(String.class)
			.getHeaders()
			.getFirst(TraceHeaders.TRACE_ID);
		assertThat(id).as("the trace id of %s", path).isNotNull();
		return id;
	}

	/** Reads a trace through the endpoint, whatever the status. */
	private ResponseEntity<Map<String, Object>> read(Object id) {
		return client().get()
			.uri("/actuator/chronotrace/{id}", id)
			.retrieve()
			.onStatus(HttpStatusCode::isError, (request, response) -> {
			})
			.toEntity(JSON);
	}

	private RestClient client() {
		return RestClient.create("http://localhost:" + this.port);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class SlowStorageConfiguration {

		@Bean
		SlowStorage slowStorage() {
			return new SlowStorage();
		}

	}

	/** Takes 300 ms per batch it stores, and counts the looks for each trace. */
	static class SlowStorage extends ForwardingTraceStorage<InMemoryTraceStorage> {

		private final Map<TraceId, AtomicInteger> retrievals = new ConcurrentHashMap<>();

		SlowStorage() {
			super(new InMemoryTraceStorage(1000));
		}

		int retrievals(TraceId id) {
			AtomicInteger count = this.retrievals.get(id);
			return (count != null) ? count.get() : 0;
		}

		@Override
		public Optional<Trace> retrieve(TraceId id) {
			this.retrievals.computeIfAbsent(id, (key) -> new AtomicInteger()).incrementAndGet();
			return super.retrieve(id);
		}

		@Override
		public long store(Trace trace) {
			pause();
			return super.store(trace);
		}

		@Override
		public BatchStoreResult storeAll(List<Trace> traces) {
			pause();
			return super.storeAll(traces);
		}

		private static void pause() {
			try {
				Thread.sleep(300);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
