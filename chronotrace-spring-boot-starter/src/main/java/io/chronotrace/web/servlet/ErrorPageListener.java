package io.chronotrace.web.servlet;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;

/**
 * Ends an exchange that waited for an error page when its request ends, whether or not an error
 * page was rendered: the container may have none to render (no {@code /error}, an exception
 * page that failed, a client gone), or render it through a dispatch the filter is not
 * registered for. An exchange the error dispatch already ended is not ended again.
 * <p>
 * On Tomcat the {@link RequestEndValve} does this instead: a request listener makes the
 * container build an event for every request attribute set or removed, on every request.
 */
final class ErrorPageListener implements ServletRequestListener {

	private final TraceRecorder recorder;

	ErrorPageListener(TraceRecorder recorder) {
		this.recorder = recorder;
	}

	@Override
	public void requestDestroyed(ServletRequestEvent event) {
		requestEnded(event.getServletRequest(), this.recorder);
	}

	/**
	 * Ends the request's exchange if it still waits for its error page.
	 * @param request the request that ended
	 * @param recorder ends the exchange
	 */
	static void requestEnded(ServletRequest request, TraceRecorder recorder) {
		if (request.getAttribute(ChronoTraceFilter.EXCHANGE_ATTRIBUTE) instanceof RecordingExchange exchange
				&& exchange.isAwaitingErrorPage()) {
			recorder.complete(exchange);
		}
	}

}
