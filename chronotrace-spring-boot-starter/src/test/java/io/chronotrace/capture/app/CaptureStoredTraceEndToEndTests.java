package io.chronotrace.capture.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceId;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The events of each request as the recording filter stored them in local storage, read back
 * by the id of the {@code X-ChronoTrace-Id} response header. Runs once the recording filter
 * ({@code io.chronotrace.web.servlet.ChronoTraceFilter}) is part of the starter.
 */
@EnabledIf("recordingFilterExists")
@DirtiesContext
@SpringBootTest(classes = CaptureTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "chronotrace.mode=always", "chronotrace.capture.max-events=" + AbstractCaptureEndToEndTests.MAX_EVENTS })
class CaptureStoredTraceEndToEndTests extends AbstractCaptureEndToEndTests {

	@TempDir
	static Path traces;

	@Autowired
	private TraceStorage storage;

	@DynamicPropertySource
	static void localStorage(DynamicPropertyRegistry registry) {
		registry.add("chronotrace.storage", () -> "local");
		registry.add("chronotrace.path", () -> traces.toString());
	}

	static boolean recordingFilterExists() {
		return ClassUtils.isPresent("io.chronotrace.web.servlet.ChronoTraceFilter", null);
	}

	@Override
	protected CapturedTrace traceOf(ResponseEntity<?> response) {
		String id = response.getHeaders().getFirst("X-ChronoTrace-Id");
		assertThat(id).as("X-ChronoTrace-Id response header").isNotNull();
		Trace trace = await().atMost(Duration.ofSeconds(10))
			.until(() -> this.storage.retrieve(TraceId.parse(id)), Optional::isPresent)
			.get();
		return new CapturedTrace(trace.events(), trace.droppedEvents(), trace.tracing());
	}

}
