package io.chronotrace.web.reactive;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

import io.chronotrace.core.recording.ActiveTrace;
import io.chronotrace.core.recording.BodyCapture;
import io.chronotrace.core.recording.CapturedExchange;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceEvent;
import io.chronotrace.core.trace.TracingContext;
import io.chronotrace.web.TraceSink;
import io.chronotrace.web.Traceparent;

/**
 * Ends a WebFlux exchange: a recorded one is assembled into a {@link Trace} from its request, its
 * response as the client received it, its exception and the events its {@link ActiveTrace}
 * collected, then handed to the {@link TraceSink} (scrubbing, then the writer) that the servlet
 * filter uses too; one that is not recorded is discarded with its temporary files. A failure here
 * is logged (rate-limited), never thrown at the request.
 */
public final class ReactiveTraceRecorder {

	private final @Nullable String application;

	private final int maxStackFrames;

	private final TraceSink sink;

	/**
	 * Creates a recorder.
	 * @param application the {@code spring.application.name}, if any
	 * @param maxStackFrames the most stack frames kept per exception
	 * @param sink scrubs and writes the traces
	 */
	public ReactiveTraceRecorder(@Nullable String application, int maxStackFrames, TraceSink sink) {
		this.application = application;
		this.maxStackFrames = maxStackFrames;
		this.sink = sink;
	}

	int maxStackFrames() {
		return this.maxStackFrames;
	}

	/**
	 * Ends an exchange, once: later calls do nothing.
	 * @param exchange the exchange
	 */
	void complete(RecordingServerExchange exchange) {
		if (!exchange.complete()) {
			return;
		}
		RecordingServerRequest request = exchange.request();
		try {
			if (!exchange.isRecorded()) {
				exchange.discard();
				return;
			}
			this.sink.accept(capture(exchange));
		}
		catch (RuntimeException ex) {
			TraceSink.failed(request.getMethod().name(), request.getPath().value(), ex);
			exchange.discard();
		}
	}

	private CapturedExchange capture(RecordingServerExchange exchange) {
		ActiveTrace active = exchange.trace();
		long durationMicros = active.elapsedMicros();
		RecordingServerRequest request = exchange.request();
		RecordingServerResponse response = exchange.response();
		BodyCapture requestBody = request.detachBody();
		BodyCapture responseBody = response.detachBody();
		List<TraceEvent> events = active.finish();
		Throwable exception = exchange.exception();
		int status = response.status();
		if (exception != null && status < 400 && !response.isCommitted()) {
			// the server answers an exception that no handler took with a 500
			status = 500;
		}
		URI uri = request.getURI();
		TracingContext tracing = active.tracing();
		if (tracing == null) {
			tracing = Traceparent.parse(request.getHeaders().getFirst(Traceparent.HEADER));
		}
		return new CapturedExchange(active.id(), active.startTime(), durationMicros, this.application,
				request.getMethod().name(), uri.toString(), request.getPath().value(), uri.getRawQuery(),
				headers(request.getHeaders()), requestBody, remoteAddress(request.getRemoteAddress()), status,
				headers(response.getHeaders()), responseBody, exception, this.maxStackFrames, events,
				active.droppedEvents(), tracing);
	}

	private static Map<String, List<String>> headers(HttpHeaders headers) {
		Map<String, List<String>> copy = new LinkedHashMap<>();
		headers.forEach((name, values) -> copy.putIfAbsent(name, List.copyOf(values)));
		return copy;
	}

	private static @Nullable String remoteAddress(@Nullable InetSocketAddress address) {
		if (address == null) {
			return null;
		}
		return (address.getAddress() != null) ? address.getAddress().getHostAddress() : address.getHostString();
	}

}
