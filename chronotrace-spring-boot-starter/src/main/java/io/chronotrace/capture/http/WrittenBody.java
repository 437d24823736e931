package io.chronotrace.capture.http;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.chronotrace.core.trace.TraceBody;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpRequestDecorator;
import org.springframework.web.reactive.function.BodyInserter;

/**
 * The body of a {@code WebClient} request, copied as the client writes it to the connection:
 * the request's own inserter writes it, through a request whose writes pass every buffer on
 * unchanged after copying its first bytes (see {@link BodyTee}), so nothing is held back or
 * buffered. The content type is the one the request is sent with, as its encoder chose it.
 */
final class WrittenBody {

	private final HttpBodySettings settings;

	private volatile @Nullable BodyTee tee;

	WrittenBody(HttpBodySettings settings) {
		this.settings = settings;
	}

	/**
	 * Wraps a request's body inserter so that what it writes is copied.
	 * @param inserter the request's inserter
	 * @return the inserter that copies
	 */
	BodyInserter<?, ? super ClientHttpRequest> around(BodyInserter<?, ? super ClientHttpRequest> inserter) {
		return (BodyInserter<Object, ClientHttpRequest>) (request, context) -> inserter.insert(new TeeRequest(request),
				context);
	}

	/**
	 * The body written so far.
	 * @return the body, or {@code null} when none was written
	 */
	@Nullable TraceBody body() {
		BodyTee written = this.tee;
		return (written != null) ? written.body(-1) : null;
	}

	/**
	 * The size of the body: the bytes written, else the declared length.
	 * @param contentLength the declared length, negative when none was declared
	 * @return the size
	 */
	long size(long contentLength) {
		BodyTee written = this.tee;
		return (written != null) ? written.bytesSeen() : Math.max(contentLength, 0);
	}

	private BodyTee start(HttpHeaders headers) {
		BodyTee started = new BodyTee(this.settings, headers.getFirst(HttpHeaders.CONTENT_TYPE),
				headers.getFirst(HttpHeaders.CONTENT_ENCODING));
		this.tee = started;
		return started;
	}

	/**
	 * The request the inserter writes to. A {@code Mono} body stays a {@code Mono}: connectors
	 * send it apart from a stream.
	 */
	private final class TeeRequest extends ClientHttpRequestDecorator {

		TeeRequest(ClientHttpRequest delegate) {
			super(delegate);
		}

		@Override
		public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
			BodyTee started = start(getHeaders());
			return super.writeWith(copied(body, started));
		}

		@Override
		public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
			BodyTee started = start(getHeaders());
			return super.writeAndFlushWith(Flux.from(body).map((chunk) -> copied(chunk, started)));
		}

		private static Publisher<? extends DataBuffer> copied(Publisher<? extends DataBuffer> body, BodyTee tee) {
			if (body instanceof Mono<? extends DataBuffer> mono) {
				return mono.doOnNext((buffer) -> TraceExchangeFilterFunction.copy(buffer, tee));
			}
			return Flux.from(body).doOnNext((buffer) -> TraceExchangeFilterFunction.copy(buffer, tee));
		}

	}

}
