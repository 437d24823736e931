package io.chronotrace.web.servlet;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.apache.catalina.Context;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;

import io.chronotrace.core.trace.Trace;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without Spring Boot's error page, the container answers errors with its own report, after the
 * request left the application: the trace of such an exchange still ends, once.
 */
@SpringBootTest(classes = RecordingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "chronotrace.mode=always",
				"spring.autoconfigure.exclude=org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration" })
class NoErrorPageTests extends RecordingTests {

	@Autowired
	ServletWebServerApplicationContext applicationContext;

	@Test
	void errorSentWithNoErrorPageIsRecordedOnceWithItsStatus() throws Exception {
		HttpResponse<String> response = getUnique("/conflict");

		Trace trace = recorded(response);

		assertThat(response.statusCode()).isEqualTo(409);
		assertThat(trace.response().status()).isEqualTo(409);
		assertRecordedOnce(response);
	}

	@Test
	void escapedExceptionWithNoErrorPageIsRecordedOnceWithThe500() throws Exception {
		HttpResponse<String> response = getUnique("/boom");

		Trace trace = recorded(response);

		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(trace.response().status()).isEqualTo(500);
		assertThat(trace.exception().message()).isEqualTo("boom");
		assertRecordedOnce(response);
	}

	@Test
	void onEmbeddedTomcatTheExchangesAreEndedWithoutARequestListener() {
		Context context = (Context) ((TomcatWebServer) this.applicationContext.getWebServer()).getTomcat()
			.getHost()
			.findChildren()[0];
		// a request listener would have Tomcat build an event for every attribute of every request
		assertThat(context.getApplicationEventListeners()).noneMatch(ErrorPageListener.class::isInstance);
		assertThat(context.getParent().getParent().getPipeline().getValves())
			.anyMatch(RequestEndValve.class::isInstance);
	}

	private void assertRecordedOnce(HttpResponse<?> response) {
		String path = response.uri().getRawPath();
		String query = response.uri().getRawQuery();
		this.completedRequests.awaitCompleted(path + "?" + query);
		assertThat(this.traces.withPath(path)).filteredOn((trace) -> query.equals(trace.request().query())).hasSize(1);
	}

}
