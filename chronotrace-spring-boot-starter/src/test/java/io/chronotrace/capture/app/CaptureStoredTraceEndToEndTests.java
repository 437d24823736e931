package io.chronotrace.capture.app;

import java.nio.file.Path;

import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import io.chronotrace.capture.testing.CapturedTrace;
import io.chronotrace.capture.testing.StoredTraces;
import io.chronotrace.core.storage.TraceStorage;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The events of each request as the recording filter stored them in local storage, read back
 * by the id of the {@code X-ChronoTrace-Id} response header. Runs once the recording filter
 * ({@value StoredTraces#RECORDING_FILTER}) is part of the starter.
 */
@EnabledIf("io.chronotrace.capture.testing.StoredTraces#recordingFilterExists")
@DirtiesContext
@SpringBootTest(classes = CaptureTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "chronotrace.mode=always", "chronotrace.storage=local",
				"chronotrace.capture.max-events=" + AbstractCaptureEndToEndTests.MAX_EVENTS })
class CaptureStoredTraceEndToEndTests extends AbstractCaptureEndToEndTests {

	@TempDir
	static Path traces;

	@Autowired
	private TraceStorage storage;

	@DynamicPropertySource
	static void storageDirectory(DynamicPropertyRegistry registry) {
		registry.add("chronotrace.path", () -> traces.toString());
	}

	@Override
	protected CapturedTrace traceOf(ResponseEntity<?> response) {
		return StoredTraces.read(this.storage, response);
	}

}
