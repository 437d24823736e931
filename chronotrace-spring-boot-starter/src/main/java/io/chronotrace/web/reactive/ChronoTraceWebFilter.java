package io.chronotrace.web.reactive;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.chronotrace.core.recording.ActiveTrace;
import io.chronotrace.core.recording.CaptureSettings;
import io.chronotrace.core.scrub.BodyScrubber;
import io.chronotrace.core.support.RateLimitedLog;
import io.chronotrace.core.trace.ExceptionEvent;
import io.chronotrace.core.trace.TraceError;
import io.chronotrace.core.trace.TraceEvent;
import io.chronotrace.web.RecordingDecision;
import io.chronotrace.web.TraceHeaders;

/**
 * Records the HTTP exchanges of a WebFlux application as traces: the twin of the servlet
 * {@code ChronoTraceFilter}, with the same modes, capture settings, scrubbing and writer.
 * <p>
 * The {@link ReactiveRecordingPolicy} decides when a request arrives; a skipped request is
 * passed on untouched. A recorded one gets an {@link ActiveTrace}, put into Reactor's context
 * under {@link TraceThreadLocalAccessor#KEY} for the whole chain (so that, with context
 * propagation, SQL, outbound calls, cache, logs and custom events of the request land in it),
 * and a request and a response that copy bodies from the reactive streams as they pass,
 * bounded, never holding a buffer back: a streamed response is recorded while it streams. The
 * trace id is sent in the {@value TraceHeaders#TRACE_ID} header once the exchange is known to
 * be recorded.
 * <p>
 * An exception that escapes the chain is recorded, and the application's
 * {@link WebExceptionHandler}s (Spring Boot's error handler among them) answer it inside this
 * filter, as the servlet container's error dispatch does for the servlet filter, so that the
 * trace holds the error response the client gets. One that none of them handles goes on to the
 * server unchanged. The exchange ends when the response is written, or when the client goes away.
 * <p>
 * Recording never fails a request: a failure of recording code is logged (rate-limited) and the
 * request proceeds.
 */
public final class ChronoTraceWebFilter implements WebFilter, Ordered {

	/** Ahead of Spring Security's filter chain (-100), so that 401 and 403 are recorded. */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	private static final RateLimitedLog failures = new RateLimitedLog(
			LoggerFactory.getLogger(ChronoTraceWebFilter.class), Duration.ofMinutes(1));

	private final ReactiveRecordingPolicy policy;

	private final CaptureSettings settings;

	private final BodyScrubber bodyScrubber;

	private final ReactiveTraceRecorder recorder;

	private final int maxEvents;

	private final boolean customEvents;

	private final Supplier<List<WebExceptionHandler>> exceptionHandlers;

	/**
	 * Creates the filter.
	 * @param policy decides which requests are recorded
	 * @param settings how bodies are captured
	 * @param bodyScrubber scrubs bodies while they are captured
	 * @param recorder ends exchanges: assembles, scrubs and writes the recorded ones
	 * @param maxEvents the most events kept per trace
	 * @param customEvents whether the traces take the application's own events
	 * @param exceptionHandlers the application's exception handlers, in order
	 */
	public ChronoTraceWebFilter(ReactiveRecordingPolicy policy, CaptureSettings settings, BodyScrubber bodyScrubber,
			ReactiveTraceRecorder recorder, int maxEvents, boolean customEvents,
			Supplier<List<WebExceptionHandler>> exceptionHandlers) {
		this.policy = policy;
		this.settings = settings;
		this.bodyScrubber = bodyScrubber;
		this.recorder = recorder;
		this.maxEvents = maxEvents;
		this.customEvents = customEvents;
		this.exceptionHandlers = exceptionHandlers;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		RecordingServerExchange recording = start(exchange);
		if (recording == null) {
			return chain.filter(exchange);
		}
		ServerWebExchange recorded = exchange.mutate()
			.request(recording.request())
			.response(recording.response())
			.build();
		return chain.filter(recorded)
			.onErrorResume((ex) -> handleError(recording, recorded, ex))
			.doFinally((signal) -> this.recorder.complete(recording))
			.contextWrite((context) -> context.put(TraceThreadLocalAccessor.KEY, recording.trace()));
	}

	private @Nullable RecordingServerExchange start(ServerWebExchange exchange) {
		ServerHttpRequest request = exchange.getRequest();
		try {
			RecordingDecision decision = this.policy.decide(request);
			if (decision == RecordingDecision.SKIP) {
				return null;
			}
			ActiveTrace trace = new ActiveTrace(this.maxEvents, this.customEvents);
			RecordingServerRequest recordingRequest = new RecordingServerRequest(request, this.settings,
					this.bodyScrubber);
			RecordingServerResponse recordingResponse = new RecordingServerResponse(exchange.getResponse(),
					this.settings, this.bodyScrubber);
			RecordingServerExchange recording = new RecordingServerExchange(trace, decision, recordingRequest,
					recordingResponse);
			String id = trace.id().toString();
			if (decision == RecordingDecision.RECORD) {
				recordingResponse.getHeaders().set(TraceHeaders.TRACE_ID, id);
			}
			else {
				recordingResponse.beforeCommit(() -> Mono.fromRunnable(() -> announceIfFailed(recording, id)));
			}
			return recording;
		}
		catch (RuntimeException ex) {
			failures.warn("Could not start recording " + request.getMethod() + " " + request.getPath()
					+ "; it proceeds unrecorded", ex);
			return null;
		}
	}

	private static void announceIfFailed(RecordingServerExchange recording, String id) {
		try {
			if (recording.isFailed()) {
				recording.response().getHeaders().set(TraceHeaders.TRACE_ID, id);
			}
		}
		catch (RuntimeException ex) {
			failures.warn("Could not set the " + TraceHeaders.TRACE_ID + " header", ex);
		}
	}

	/**
	 * Records an exception that escaped the chain and lets the application's exception handlers
	 * answer it through the recording response, as the server would have done after the filter.
	 */
	private Mono<Void> handleError(RecordingServerExchange recording, ServerWebExchange recorded, Throwable ex) {
		noteException(recording, ex);
		Mono<Void> completion = Mono.error(ex);
		for (WebExceptionHandler handler : this.exceptionHandlers.get()) {
			completion = completion.onErrorResume((error) -> handler.handle(recorded, error));
		}
		return completion;
	}

	/**
	 * An exception that carries its own status below 500 (a {@code ResponseStatusException} such
	 * as a 404) is an answer, as Spring MVC's resolvers treat it: recorded as a handled event.
	 * Any other is the exchange's failure.
	 */
	private void noteException(RecordingServerExchange recording, Throwable ex) {
		try {
			boolean answer = ex instanceof ErrorResponse response && response.getStatusCode().value() < 500;
			if (!answer) {
				recording.failed(ex);
			}
			ActiveTrace trace = recording.trace();
			if (trace.acceptsEvents()) {
				trace.add(new ExceptionEvent(trace.elapsedMicros(), 0, TraceEvent.ERROR,
						TraceError.of(ex, this.recorder.maxStackFrames()), answer));
			}
		}
		catch (RuntimeException failure) {
			failures.warn("Could not record the exception of " + recording.request().getPath(), failure);
		}
	}

}
