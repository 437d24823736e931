package io.chronotrace.web.servlet;

import org.jspecify.annotations.Nullable;

import io.chronotrace.core.trace.TracingContext;
import io.chronotrace.web.Traceparent;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Finds the distributed tracing context of a recorded request, which links its trace to the
 * same request in a tracing system. The default reads the W3C {@code traceparent} header; an
 * integration with a tracer declares a bean of this type to report the server's own span.
 */
@FunctionalInterface
public interface TracingContextResolver {

	/**
	 * Finds the tracing context of a request.
	 * @param request the request
	 * @return the context, or {@code null} when the request has none
	 */
	@Nullable TracingContext resolve(HttpServletRequest request);

	/**
	 * A resolver that reads the W3C Trace Context {@code traceparent} header
	 * ({@code version-traceid-parentid-flags}); the span id is the caller's.
	 * @return the resolver
	 */
	static TracingContextResolver traceparent() {
		return (request) -> Traceparent.parse(request.getHeader(Traceparent.HEADER));
	}

}
