package io.chronotrace.web.reactive;

import java.nio.ByteBuffer;

import reactor.core.publisher.Flux;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;

import io.chronotrace.core.recording.BodyCapture;
import io.chronotrace.core.recording.CaptureSettings;
import io.chronotrace.core.scrub.BodyScrubber;

/**
 * The request of a recorded WebFlux exchange: the server's request, with its body copied from
 * each buffer as the application reads it, bounded by the capture settings. Buffers pass on
 * untouched; what the application does not read is not captured.
 */
final class RecordingServerRequest extends ServerHttpRequestDecorator {

	private final BodyCapture body;

	RecordingServerRequest(ServerHttpRequest delegate, CaptureSettings settings, BodyScrubber scrubber) {
		super(delegate);
		HttpHeaders headers = delegate.getHeaders();
		this.body = settings.requestBody(scrubber, () -> headers.getFirst(HttpHeaders.CONTENT_TYPE),
				() -> headers.getFirst(HttpHeaders.CONTENT_ENCODING));
	}

	@Override
	public Flux<DataBuffer> getBody() {
		return super.getBody().doOnNext((buffer) -> copy(buffer, this.body));
	}

	/** Copies the readable bytes of a buffer, leaving its read position where it is. */
	static void copy(DataBuffer buffer, BodyCapture capture) {
		synchronized (capture) {
			try (DataBuffer.ByteBufferIterator buffers = buffer.readableByteBuffers()) {
				while (buffers.hasNext()) {
					ByteBuffer bytes = buffers.next();
					capture.write(bytes);
				}
			}
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
