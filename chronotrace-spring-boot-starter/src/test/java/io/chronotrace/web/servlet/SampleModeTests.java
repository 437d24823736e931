package io.chronotrace.web.servlet;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Sample mode with a rate that samples nothing: only failures are recorded. */
@SpringBootTest(classes = RecordingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "chronotrace.mode=sample", "chronotrace.sample-rate=0.0" })
class SampleModeTests extends RecordingTests {

	@Test
	void requestThatIsNotSampledIsNotRecorded() throws Exception {
		assertNotRecorded(getUnique("/hello"));
	}

	@Test
	void failedRequestIsRecordedEvenWhenNotSampled() throws Exception {
		HttpResponse<String> response = get("/fail");

		assertThat(recorded(response).response().status()).isEqualTo(500);
	}

}
