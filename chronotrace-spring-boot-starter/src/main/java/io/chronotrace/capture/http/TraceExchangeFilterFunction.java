package io.chronotrace.capture.http;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import io.chronotrace.core.recording.ActiveTrace;
import io.chronotrace.core.recording.TraceContextHolder;
import io.chronotrace.core.trace.HttpClientEvent;
import io.chronotrace.core.trace.TraceEvent;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * Records the calls a recorded request makes through a {@code WebClient} it subscribes to on
 * its own thread (such as with {@code block()}): method, URL, request headers, status, response
 * headers and the duration until the response headers arrived. The request body is copied, up
 * to the capture limit, from the buffers as the client writes them to the connection (see
 * {@link WrittenBody}); its size is the bytes written. The response body is copied, up to the
 * capture limit, from the buffers as they stream to the application, which is never held back;
 * what the application does not consume is not captured. Binary and compressed bodies are
 * recorded by their size only, unless binary bodies are on.
 */
public final class TraceExchangeFilterFunction implements ExchangeFilterFunction {

	private static final String CLIENT = "WebClient";

	private final HttpBodySettings bodies;

	private final SelfCalls selfCalls;

	/**
	 * Creates a filter that tells no self-calls.
	 * @param bodies how response bodies are captured
	 */
	public TraceExchangeFilterFunction(HttpBodySettings bodies) {
		this(bodies, SelfCalls.NONE);
	}

	/**
	 * Creates a filter.
	 * @param bodies how response bodies are captured
	 * @param selfCalls marks the calls to this application's own server
	 */
	public TraceExchangeFilterFunction(HttpBodySettings bodies, SelfCalls selfCalls) {
		this.bodies = bodies;
		this.selfCalls = selfCalls;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		// called when the exchange is subscribed to, on the subscribing thread
		ActiveTrace trace = TraceContextHolder.current();
		if (trace == null || !trace.acceptsEvents()) {
			return next.exchange(request);
		}
		long start = System.nanoTime();
		long offsetMicros = trace.offsetMicros(start);
		String method = request.method().name();
		String url = request.url().toString();
		Map<String, List<String>> requestHeaders = TraceClientHttpRequestInterceptor.headers(request.headers());
		long declaredSize = request.headers().getContentLength();
		WrittenBody requestBody = new WrittenBody(this.bodies);
		ClientRequest.Builder sent = ClientRequest.from(request).body(requestBody.around(request.body()));
		// after the headers were copied: the recorded call does not carry the token
		String selfCall = this.selfCalls.open(trace.id(), request.url());
		if (selfCall != null) {
			sent.header(SelfCalls.HEADER, selfCall);
		}
		ClientRequest teed = sent.build();
		return next.exchange(teed).map((response) -> {
			long durationMicros = TraceClientHttpRequestInterceptor.micros(start);
			int status = response.statusCode().value();
			HttpHeaders headers = response.headers().asHttpHeaders();
			long contentLength = headers.getContentLength();
			BodyTee tee = new BodyTee(this.bodies, headers.getFirst(HttpHeaders.CONTENT_TYPE),
					headers.getFirst(HttpHeaders.CONTENT_ENCODING));
			trace.add(() -> new HttpClientEvent(offsetMicros, durationMicros, TraceEvent.OK, CLIENT, method, url, status,
					requestHeaders, requestBody.body(), requestBody.size(declaredSize),
					TraceClientHttpRequestInterceptor.headers(headers),
					tee.body(contentLength), tee.size(contentLength), null));
			return response.mutate()
				.body((body) -> body.doOnNext((buffer) -> copy(buffer, tee)).doOnComplete(tee::complete))
				.build();
		})
			.doOnError((ex) -> trace.add(new HttpClientEvent(offsetMicros, TraceClientHttpRequestInterceptor.micros(start),
					TraceEvent.ERROR, CLIENT, method, url, null, requestHeaders, requestBody.body(),
					requestBody.size(declaredSize), Map.of(), null, null,
					TraceClientHttpRequestInterceptor.error(ex))))
			.doFinally((signal) -> this.selfCalls.close(selfCall));
	}

	static void copy(DataBuffer buffer, BodyTee tee) {
		try (DataBuffer.ByteBufferIterator buffers = buffer.readableByteBuffers()) {
			while (buffers.hasNext()) {
				ByteBuffer bytes = buffers.next();
				tee.write(bytes);
			}
		}
	}

}
