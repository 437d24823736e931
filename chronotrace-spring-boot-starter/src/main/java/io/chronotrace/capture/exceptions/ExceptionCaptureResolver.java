package io.chronotrace.capture.exceptions;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import io.chronotrace.core.recording.ActiveTrace;
import io.chronotrace.core.recording.TraceContextHolder;
import io.chronotrace.core.trace.TraceError;

import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Sees, first of all resolvers, each exception a handler of a recorded request throws, and
 * records it as an {@code ExceptionEvent}; it never resolves anything itself. The event says the
 * exception was handled unless the {@link EscapedExceptionInterceptor} sees it leave the
 * dispatch unresolved.
 */
public final class ExceptionCaptureResolver implements HandlerExceptionResolver, Ordered {

	static final String ATTRIBUTE = ExceptionCaptureResolver.class.getName() + ".exception";

	private final int maxStackFrames;

	/**
	 * Creates a resolver.
	 * @param maxStackFrames the most stack frames kept per exception
	 */
	public ExceptionCaptureResolver(int maxStackFrames) {
		this.maxStackFrames = maxStackFrames;
	}

	@Override
	public @Nullable ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response,
			@Nullable Object handler, Exception ex) {
		ActiveTrace trace = TraceContextHolder.current();
		if (trace != null && trace.acceptsEvents()) {
			RecordedException recorded = new RecordedException(ex, trace.elapsedMicros(),
					TraceError.of(ex, this.maxStackFrames));
			trace.add(recorded);
			request.setAttribute(ATTRIBUTE, recorded);
		}
		return null;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
