package io.chronotrace.web.servlet;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import io.chronotrace.core.trace.Trace;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A secret in a path parameter ({@code ;jsessionid=}, which servlet containers keep in the
 * request URI) is scrubbed by its name, as a query parameter's would be, in the recorded path
 * and URL alike.
 */
class PathParameterScrubbingTests extends AlwaysRecordingTests {

	@Test
	void aSessionIdInAPathParameterIsNeverRecorded() throws Exception {
		HttpResponse<String> response = get("/hello;jsessionid=S3cr3tSess10n?lang=en");

		Trace trace = recorded(response);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(trace.request().path()).isEqualTo("/hello;jsessionid=[SCRUBBED]");
		assertThat(trace.request().url())
			.isEqualTo("http://localhost:" + this.port + "/hello;jsessionid=[SCRUBBED]?lang=en");
		assertThat(trace.summary().path()).doesNotContain("S3cr3tSess10n");
	}

	@Test
	void pathParametersOfEverySegmentGoThroughTheKeyRules() throws Exception {
		HttpResponse<String> response = get("/checkout;access_token=t0k3n-77;lang=en/42;password=pw-99");

		Trace trace = recorded(response);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(trace.request().path())
			.isEqualTo("/checkout;access_token=[SCRUBBED];lang=en/42;password=[SCRUBBED]");
		assertThat(trace.request().url()).doesNotContain("t0k3n-77").doesNotContain("pw-99").contains(";lang=en");
	}

}
