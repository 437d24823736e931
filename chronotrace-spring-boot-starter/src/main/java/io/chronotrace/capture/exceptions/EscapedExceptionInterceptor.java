package io.chronotrace.capture.exceptions;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Marks the recorded exception of a dispatch as escaped when no resolver handled it: Spring MVC
 * then hands it to {@code afterCompletion}.
 */
public final class EscapedExceptionInterceptor implements HandlerInterceptor {

	@Override
	public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
			@Nullable Exception ex) {
		if (ex != null && request.getAttribute(ExceptionCaptureResolver.ATTRIBUTE) instanceof RecordedException recorded
				&& recorded.is(ex)) {
			recorded.escaped();
		}
	}

}
