package io.chronotrace.capture.tracing;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import io.chronotrace.core.trace.TracingContext;
import io.chronotrace.web.servlet.TracingContextResolver;

/**
 * Gives the recording filter the ids of the server span that the
 * {@link TracingContextInterceptor} saw; a request that reached no handler falls back to its
 * W3C {@code traceparent} header.
 */
public final class MicrometerTracingContextResolver implements TracingContextResolver {

	private static final TracingContextResolver TRACEPARENT = TracingContextResolver.traceparent();

	@Override
	public @Nullable TracingContext resolve(HttpServletRequest request) {
		if (request.getAttribute(TracingContextInterceptor.ATTRIBUTE) instanceof TracingContext tracing) {
			return tracing;
		}
		return TRACEPARENT.resolve(request);
	}

}
