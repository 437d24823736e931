package io.chronotrace.web.reactive;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;

import io.chronotrace.core.recording.BodyCapture;
import io.chronotrace.core.recording.CaptureSettings;
import io.chronotrace.core.scrub.BodyScrubber;

/**
 * The response of a recorded WebFlux exchange: the server's response, with its body copied from
 * each buffer on its way to the connection, bounded by the capture settings. Nothing is held
 * back: a streamed response (server-sent events, {@code application/x-ndjson}) reaches the
 * client buffer by buffer, flushes included, while at most the capture limit is kept.
 */
final class RecordingServerResponse extends ServerHttpResponseDecorator {

	private final BodyCapture body;

	RecordingServerResponse(ServerHttpResponse delegate, CaptureSettings settings, BodyScrubber scrubber) {
		super(delegate);
		HttpHeaders headers = delegate.getHeaders();
		this.body = settings.responseBody(scrubber, () -> headers.getFirst(HttpHeaders.CONTENT_TYPE),
				() -> headers.getFirst(HttpHeaders.CONTENT_ENCODING));
	}

	@Override
	public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
		return super.writeWith(tee(body));
	}

	@Override
	public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
		return super.writeAndFlushWith(Flux.from(body).map(this::tee));
	}

	private Publisher<? extends DataBuffer> tee(Publisher<? extends DataBuffer> body) {
		if (body instanceof Mono<? extends DataBuffer> mono) {
			return mono.doOnNext((buffer) -> RecordingServerRequest.copy(buffer, this.body));
		}
		return Flux.from(body).doOnNext((buffer) -> RecordingServerRequest.copy(buffer, this.body));
	}

	/**
	 * The status the client gets: 200 until one is set.
	 * @return the status
	 */
	int status() {
		HttpStatusCode status = getStatusCode();
		return (status != null) ? status.value() : 200;
	}

	long bodySize() {
		synchronized (this.body) {
			return this.body.size();
		}
	}

	/**
	 * Ends the capture of the body, leaving its finishing (scrubbing and decoding) to whoever
	 * finishes the trace: later bytes are not kept.
	 * @return the body's capture
	 */
	BodyCapture detachBody() {
		synchronized (this.body) {
			this.body.detach();
			return this.body;
		}
	}

	void discardBody() {
		synchronized (this.body) {
			this.body.discard();
		}
	}

}
