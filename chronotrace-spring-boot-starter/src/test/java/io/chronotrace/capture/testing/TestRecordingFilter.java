package io.chronotrace.capture.testing;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.chronotrace.core.recording.ActiveTrace;
import io.chronotrace.core.recording.TraceContextHolder;

import org.springframework.http.ResponseEntity;
import org.springframework.web.filter.OncePerRequestFilter;

import static org.awaitility.Awaitility.await;

/**
 * Plays the recording filter: binds an {@link ActiveTrace} to each request's thread and keeps
 * what it collected when the request (or its async processing) completes, under the id the
 * {@link #HEADER} response header names.
 */
public final class TestRecordingFilter extends OncePerRequestFilter {

	public static final String HEADER = "X-Test-Trace-Id";

	private final int maxEvents;

	private final Map<String, CapturedTrace> traces = new ConcurrentHashMap<>();

	public TestRecordingFilter(int maxEvents) {
		this.maxEvents = maxEvents;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		ActiveTrace trace = new ActiveTrace(this.maxEvents);
		response.setHeader(HEADER, trace.id().toString());
		try (TraceContextHolder.Scope scope = TraceContextHolder.bind(trace)) {
			chain.doFilter(request, response);
		}
		finally {
			if (request.isAsyncStarted()) {
				request.getAsyncContext().addListener(new AsyncListener() {

					@Override
					public void onComplete(AsyncEvent event) {
						finish(trace);
					}

					@Override
					public void onTimeout(AsyncEvent event) {
					}

					@Override
					public void onError(AsyncEvent event) {
					}

					@Override
					public void onStartAsync(AsyncEvent event) {
					}

				});
			}
			else {
				finish(trace);
			}
		}
	}

	private void finish(ActiveTrace trace) {
		this.traces.put(trace.id().toString(), new CapturedTrace(trace.finish(), trace.droppedEvents(), trace.tracing()));
	}

	/**
	 * The trace of the request that got a response, by the id of its {@link #HEADER} header,
	 * once the filter finished it (the client may have the response before).
	 * @param response the response
	 * @return the trace
	 */
	public CapturedTrace traceOf(ResponseEntity<?> response) {
		String id = response.getHeaders().getFirst(HEADER);
		return await().atMost(Duration.ofSeconds(10)).until(() -> this.traces.get(id), (trace) -> trace != null);
	}

}
