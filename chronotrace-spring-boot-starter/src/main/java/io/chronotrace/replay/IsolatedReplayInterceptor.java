package io.chronotrace.replay;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import io.chronotrace.core.trace.HttpClientEvent;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Answers the calls of a {@code RestClient} or {@code RestTemplate} from the recording while
 * the request is an isolated replay: the call is not sent; it gets the recorded response of the
 * same method and URL, in order, or fails with an {@link UnrecordedCallException} when there is
 * none. Outside isolated replays, calls pass untouched. Placed last among the interceptors, so
 * that ChronoTrace's capture records the answered call in the replay's trace.
 */
public final class IsolatedReplayInterceptor implements ClientHttpRequestInterceptor {

	private final ReplayRegistry registry;

	/**
	 * Creates an interceptor.
	 * @param registry the replays in progress
	 */
	public IsolatedReplayInterceptor(ReplayRegistry registry) {
		this.registry = registry;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		ReplaySession session = this.registry.isolated();
		if (session == null) {
			return execution.execute(request, body);
		}
		String method = request.getMethod().name();
		String url = request.getURI().toString();
		HttpClientEvent call = session.answer(method, url);
		if (call == null) {
			throw new UnrecordedCallException(method, url);
		}
		return new AnswerResponse(RecordedAnswer.of(call));
	}

	private static final class AnswerResponse implements ClientHttpResponse {

		private final RecordedAnswer answer;

		AnswerResponse(RecordedAnswer answer) {
			this.answer = answer;
		}

		@Override
		public HttpStatusCode getStatusCode() {
			return this.answer.status();
		}

		@Override
		public String getStatusText() {
			return "";
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.answer.headers();
		}

		@Override
		public InputStream getBody() {
			return new ByteArrayInputStream(this.answer.body());
		}

		@Override
		public void close() {
		}

	}

}
