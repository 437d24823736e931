package io.chronotrace.capture.app;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.http.ResponseEntity;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The events of each request as a test filter that plays the recording filter collects them:
 * it runs before the recording filter exists.
 */
@DirtiesContext
@SpringBootTest(classes = CaptureTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "chronotrace.storage=memory", "chronotrace.capture.max-events=" + AbstractCaptureEndToEndTests.MAX_EVENTS })
@Import(CaptureEndToEndTests.RecordingConfiguration.class)
class CaptureEndToEndTests extends AbstractCaptureEndToEndTests {

	@Autowired
	private TestRecordingFilter recorder;

	@Override
	protected CapturedTrace traceOf(ResponseEntity<?> response) {
		return this.recorder.traceOf(response.getHeaders().getFirst(TestRecordingFilter.HEADER));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class RecordingConfiguration {

		@Bean
		TestRecordingFilter testRecordingFilter() {
			return new TestRecordingFilter(MAX_EVENTS);
		}

		@Bean
		FilterRegistrationBean<TestRecordingFilter> testRecordingFilterRegistration(TestRecordingFilter filter) {
			FilterRegistrationBean<TestRecordingFilter> registration = new FilterRegistrationBean<>(filter);
			// innermost: when the recording filter exists, this one still collects the events
			registration.setOrder(Ordered.LOWEST_PRECEDENCE);
			return registration;
		}

	}

}
