package io.chronotrace.web.reactive;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

import io.chronotrace.core.recording.ActiveTrace;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceAttachment;
import io.chronotrace.core.trace.TraceBody;
import io.chronotrace.core.trace.TraceError;
import io.chronotrace.core.trace.TraceEvent;
import io.chronotrace.core.trace.TraceRequest;
import io.chronotrace.core.trace.TraceResponse;
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
			Trace trace = assemble(exchange);
			if (!this.sink.accept(trace, request.getMethod().name(), request.getPath().value())) {
				exchange.discard();
			}
		}
		catch (RuntimeException ex) {
			TraceSink.failed(request.getMethod().name(), request.getPath().value(), ex);
			exchange.discard();
		}
	}

	private Trace assemble(RecordingServerExchange exchange) {
		ActiveTrace active = exchange.trace();
		long durationMicros = active.elapsedMicros();
		RecordingServerRequest request = exchange.request();
		RecordingServerResponse response = exchange.response();
		TraceBody requestBody = request.finishBody();
		TraceBody responseBody = response.finishBody();
		List<TraceEvent> events = active.finish();
		Throwable exception = exchange.exception();
		int status = response.status();
		if (exception != null && status < 400 && !response.isCommitted()) {
			// the server answers an exception that no handler took with a 500
			status = 500;
		}
		URI uri = request.getURI();
		String query = uri.getRawQuery();
		TraceRequest traceRequest = new TraceRequest(request.getMethod().name(), uri.toString(),
				request.getPath().value(), query, headers(request.getHeaders()), requestBody,
				remoteAddress(request.getRemoteAddress()));
		TraceResponse traceResponse = new TraceResponse(status, headers(response.getHeaders()), responseBody,
				response.bodySize());
		TraceError error = (exception != null) ? TraceError.of(exception, this.maxStackFrames) : null;
		List<TraceAttachment> attachments = new ArrayList<>(2);
		addIfPresent(attachments, request.bodyAttachment());
		addIfPresent(attachments, response.bodyAttachment());
		TracingContext tracing = active.tracing();
		if (tracing == null) {
			tracing = Traceparent.parse(request.getHeaders().getFirst(Traceparent.HEADER));
		}
		return new Trace(Trace.SCHEMA_VERSION, active.id(), active.startTime(), durationMicros, this.application,
				traceRequest, traceResponse, error, events, active.droppedEvents(), tracing, attachments);
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

	private static void addIfPresent(List<TraceAttachment> attachments, @Nullable TraceAttachment attachment) {
		if (attachment != null) {
			attachments.add(attachment);
		}
	}

}
