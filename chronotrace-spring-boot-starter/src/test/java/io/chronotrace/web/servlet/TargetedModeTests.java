package io.chronotrace.web.servlet;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import io.chronotrace.core.trace.Trace;

import static org.assertj.core.api.Assertions.assertThat;

/** Targeted mode, with a route written without its leading slash and one excluded path. */
@SpringBootTest(classes = RecordingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "chronotrace.mode=targeted", "chronotrace.targets.routes=checkout/*",
				"chronotrace.exclude=/checkout/internal" })
class TargetedModeTests extends RecordingTests {

	@Test
	void requestToATargetedRouteIsRecorded() throws Exception {
		HttpResponse<String> response = get("/checkout/42");

		Trace trace = recorded(response);

		assertThat(trace.request().path()).isEqualTo("/checkout/42");
		assertThat(trace.response().body().content()).isEqualTo("hello");
	}

	@Test
	void requestToAnotherRouteIsNotRecordedEvenWhenItFails() throws Exception {
		assertNotRecorded(getUnique("/other"));
		assertNotRecorded(getUnique("/boom"));
	}

	@Test
	void excludedPathIsNotRecordedEvenWhenTargeted() throws Exception {
		assertNotRecorded(getUnique("/checkout/internal"));
	}

}
