package io.chronotrace.capture.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.chronotrace.core.recording.ActiveTrace;
import io.chronotrace.core.recording.TraceContextHolder;
import io.chronotrace.core.support.BoundedText;
import io.chronotrace.core.trace.HttpClientEvent;
import io.chronotrace.core.trace.TraceBody;
import io.chronotrace.core.trace.TraceEvent;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Records the calls a recorded request makes through a {@code RestClient} or a
 * {@code RestTemplate}: method, URL, headers, status, duration until the response headers
 * arrived, the request body and the response body up to the capture limit (binary and compressed
 * bodies only by their size, unless binary bodies are on). The response body is copied as the
 * application reads it; what it does not read is not captured.
 */
public final class TraceClientHttpRequestInterceptor implements ClientHttpRequestInterceptor {

	/** The most characters kept of the message of a call that failed. */
	static final int MAX_ERROR_LENGTH = 2000;

	private final String client;

	private final HttpBodySettings bodies;

	private final SelfCalls selfCalls;

	/**
	 * Creates an interceptor that tells no self-calls.
	 * @param client the client kind the events name, {@code RestClient} or {@code RestTemplate}
	 * @param bodies how bodies are captured
	 */
	public TraceClientHttpRequestInterceptor(String client, HttpBodySettings bodies) {
		this(client, bodies, SelfCalls.NONE);
	}

	/**
	 * Creates an interceptor.
	 * @param client the client kind the events name, {@code RestClient} or {@code RestTemplate}
	 * @param bodies how bodies are captured
	 * @param selfCalls marks the calls to this application's own server
	 */
	public TraceClientHttpRequestInterceptor(String client, HttpBodySettings bodies, SelfCalls selfCalls) {
		this.client = client;
		this.bodies = bodies;
		this.selfCalls = selfCalls;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		ActiveTrace trace = TraceContextHolder.current();
		if (trace == null || !trace.acceptsEvents()) {
			return execution.execute(request, body);
		}
		long start = System.nanoTime();
		long offsetMicros = trace.offsetMicros(start);
		String method = request.getMethod().name();
		String url = request.getURI().toString();
		Map<String, List<String>> requestHeaders = headers(request.getHeaders());
		HttpHeaders sent = request.getHeaders();
		TraceBody requestBody = BodyTee
			.of(body, this.bodies, sent.getFirst(HttpHeaders.CONTENT_TYPE), sent.getFirst(HttpHeaders.CONTENT_ENCODING))
			.body(body.length);
		// after the headers were copied: the recorded call does not carry the token
		String selfCall = this.selfCalls.open(trace.id(), request.getURI());
		if (selfCall != null) {
			request.getHeaders().set(SelfCalls.HEADER, selfCall);
		}
		ClientHttpResponse response;
		try {
			response = execution.execute(request, body);
		}
		catch (IOException | RuntimeException ex) {
			trace.add(new HttpClientEvent(offsetMicros, micros(start), TraceEvent.ERROR, this.client, method, url, null,
					requestHeaders, requestBody, body.length, Map.of(), null, null, error(ex)));
			throw ex;
		}
		finally {
			this.selfCalls.close(selfCall);
		}
		long durationMicros = micros(start);
		int status = response.getStatusCode().value();
		HttpHeaders headers = response.getHeaders();
		Map<String, List<String>> responseHeaders = headers(headers);
		long contentLength = headers.getContentLength();
		BodyTee responseBody = new BodyTee(this.bodies, headers.getFirst(HttpHeaders.CONTENT_TYPE),
				headers.getFirst(HttpHeaders.CONTENT_ENCODING));
		trace.add(() -> new HttpClientEvent(offsetMicros, durationMicros, TraceEvent.OK, this.client, method, url,
				status, requestHeaders, requestBody, body.length, responseHeaders, responseBody.body(contentLength),
				responseBody.size(contentLength), null));
		return new TeeResponse(response, responseBody);
	}

	static Map<String, List<String>> headers(HttpHeaders headers) {
		Map<String, List<String>> copy = new LinkedHashMap<>();
		headers.forEach(copy::put);
		return copy;
	}

	static String error(Throwable failure) {
		String message = failure.getMessage();
		return BoundedText.of(failure.getClass().getName() + ((message != null) ? ": " + message : ""),
				MAX_ERROR_LENGTH);
	}

	static long micros(long startNanos) {
		return (System.nanoTime() - startNanos) / 1000;
	}

	/** The response, with a body that copies what the application reads. */
	private static final class TeeResponse implements ClientHttpResponse {

		private final ClientHttpResponse response;

		private final BodyTee tee;

		private @Nullable InputStream body;

		TeeResponse(ClientHttpResponse response, BodyTee tee) {
			this.response = response;
			this.tee = tee;
		}

		@Override
		public InputStream getBody() throws IOException {
			if (this.body == null) {
				this.body = new TeeInputStream(this.response.getBody(), this.tee);
			}
			return this.body;
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.response.getHeaders();
		}

		@Override
		public HttpStatusCode getStatusCode() throws IOException {
			return this.response.getStatusCode();
		}

		@Override
		public String getStatusText() throws IOException {
			return this.response.getStatusText();
		}

		@Override
		public void close() {
			this.response.close();
		}

	}

}
