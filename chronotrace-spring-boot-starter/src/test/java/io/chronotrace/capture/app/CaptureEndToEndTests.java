package io.chronotrace.capture.app;

import io.chronotrace.capture.testing.CapturedTrace;
import io.chronotrace.capture.testing.TestRecordingConfiguration;
import io.chronotrace.capture.testing.TestRecordingFilter;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The events of each request as a test filter that plays the recording filter collects them:
 * it runs before the recording filter exists.
 */
@DirtiesContext
@SpringBootTest(classes = CaptureTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "chronotrace.storage=memory",
				"chronotrace.capture.max-events=" + AbstractCaptureEndToEndTests.MAX_EVENTS })
@Import(TestRecordingConfiguration.class)
class CaptureEndToEndTests extends AbstractCaptureEndToEndTests {

	@Autowired
	private TestRecordingFilter recorder;

	@Override
	protected CapturedTrace traceOf(ResponseEntity<?> response) {
		return this.recorder.traceOf(response);
	}

}
