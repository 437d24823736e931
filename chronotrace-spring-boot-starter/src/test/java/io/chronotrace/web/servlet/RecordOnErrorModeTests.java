package io.chronotrace.web.servlet;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import io.chronotrace.core.trace.Trace;

import static org.assertj.core.api.Assertions.assertThat;

/** The default mode, record-on-error. */
@SpringBootTest(classes = RecordingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RecordOnErrorModeTests extends RecordingTests {

	@Test
	void successfulRequestIsNotRecordedAndCarriesNoTraceId() throws Exception {
		HttpResponse<String> response = getUnique("/hello");

		assertThat(response.statusCode()).isEqualTo(200);
		assertNotRecorded(response);
	}

	@Test
	void serverErrorStatusIsRecordedAndItsTraceIdSentToTheClient() throws Exception {
		HttpResponse<String> response = get("/fail");

		Trace trace = recorded(response);

		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(trace.response().status()).isEqualTo(500);
		assertThat(trace.response().body().content()).isEqualTo("failed on purpose");
	}

	@Test
	void errorSentThroughSendErrorIsRecordedAndItsTraceIdSentToTheClient() throws Exception {
		HttpResponse<String> response = get("/unavailable");

		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(recorded(response).response().status()).isEqualTo(503);
	}

	@Test
	void escapedExceptionIsRecordedWithTheErrorPageTheClientGotAndItsTraceIdSentWithIt() throws Exception {
		HttpResponse<byte[]> response = getBytes("/boom");

		Trace trace = recorded(response);

		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(trace.exception().message()).isEqualTo("boom");
		ErrorResponsesTests.assertRecordedAsReceived(trace, response);
	}

	@Test
	void exceptionOfAnAsyncRequestIsRecordedWithTheErrorPageTheClientGotAndItsTraceIdSentWithIt() throws Exception {
		HttpResponse<byte[]> response = getBytes("/callable-boom");

		Trace trace = recorded(response);

		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(trace.exception().message()).isEqualTo("callable boom");
		ErrorResponsesTests.assertRecordedAsReceived(trace, response);
	}

	@Test
	void clientErrorsAnsweredByTheErrorPageAreNotRecorded() throws Exception {
		assertNotRecorded(getUnique("/no-such-page"));
		assertNotRecorded(getUnique("/conflict"));
	}

}
