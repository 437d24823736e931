package io.chronotrace.capture.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.chronotrace.core.recording.ActiveTrace;
import io.chronotrace.core.recording.TraceContextHolder;
import io.chronotrace.core.trace.TracingContext;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Puts the ids of Micrometer Tracing's current span into the trace of a recorded request
 * ({@link ActiveTrace#tracing()}) and into the request ({@link #ATTRIBUTE}), so that the trace
 * links to the same request in Zipkin, Tempo or Jaeger. It runs before the handler, when the
 * server span of the request is current.
 */
public final class TracingContextInterceptor implements HandlerInterceptor {

	/** The request attribute that holds the {@link TracingContext} of a recorded request. */
	public static final String ATTRIBUTE = TracingContextInterceptor.class.getName() + ".tracingContext";

	private final ObjectProvider<Tracer> tracer;

	/**
	 * Creates an interceptor.
	 * @param tracer the tracer, looked up on the first recorded request
	 */
	public TracingContextInterceptor(ObjectProvider<Tracer> tracer) {
		this.tracer = tracer;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		ActiveTrace trace = TraceContextHolder.current();
		if (trace == null || trace.tracing() != null) {
			return true;
		}
		Tracer tracer = this.tracer.getIfAvailable();
		Span span = (tracer != null) ? tracer.currentSpan() : null;
		if (span != null) {
			TraceContext context = span.context();
			TracingContext tracing = new TracingContext(context.traceId(), context.spanId());
			trace.setTracing(tracing);
			request.setAttribute(ATTRIBUTE, tracing);
		}
		return true;
	}

}
