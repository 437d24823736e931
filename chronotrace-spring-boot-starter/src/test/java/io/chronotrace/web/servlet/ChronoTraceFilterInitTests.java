package io.chronotrace.web.servlet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EventListener;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterConfig;
import org.springframework.mock.web.MockServletContext;

import io.chronotrace.core.recording.CaptureSettings;
import io.chronotrace.core.scrub.BodyScrubber;
import io.chronotrace.core.scrub.TraceScrubber;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where nothing else follows requests to their end (a container other than embedded Tomcat, or
 * an application deployed to a Tomcat of its own), the filter listens to the end of requests so
 * that an exchange waiting for an error page that never comes still ends.
 */
class ChronoTraceFilterInitTests {

	private final List<EventListener> listeners = new ArrayList<>();

	private final MockServletContext servletContext = new MockServletContext() {

		@Override
		public <T extends EventListener> void addListener(T listener) {
			ChronoTraceFilterInitTests.this.listeners.add(listener);
		}

	};

	private final ChronoTraceFilter filter = new ChronoTraceFilter(ModeRecordingPolicy.always(List.of()),
			new CaptureSettings(1024, 1024, Path.of("target"), true, true), BodyScrubber.NONE,
			new TraceRecorder(new TraceAssembler(null, TracingContextResolver.traceparent(), 10), TraceScrubber.NONE,
					(trace) -> {
					}),
			100);

	@Test
	void withoutAHookTheFilterListensToTheEndOfRequests() {
		this.filter.init(new MockFilterConfig(this.servletContext));

		assertThat(this.listeners).singleElement().isInstanceOf(ErrorPageListener.class);
	}

	@Test
	void withAHookInPlaceTheFilterAddsNoListener() {
		this.filter.setRequestEndHook(() -> true);

		this.filter.init(new MockFilterConfig(this.servletContext));

		assertThat(this.listeners).isEmpty();
	}

	@Test
	void aHookThatIsNotInPlaceLeavesItToTheListener() {
		this.filter.setRequestEndHook(() -> false);

		this.filter.init(new MockFilterConfig(this.servletContext));

		assertThat(this.listeners).singleElement().isInstanceOf(ErrorPageListener.class);
	}

}
