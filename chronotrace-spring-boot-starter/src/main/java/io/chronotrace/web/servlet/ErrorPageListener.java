package io.chronotrace.web.servlet;

import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;

/**
 * Ends an exchange that waited for an error page when its request ends, whether or not an error
 * page was rendered: the container may have none to render (no {@code /error}, an exception
 * page that failed, a client gone), or render it through a dispatch the filter is not
 * registered for. An exchange the error dispatch already ended is not ended again.
 */
final class ErrorPageListener implements ServletRequestListener {

	private final TraceRecorder recorder;

	ErrorPageListener(TraceRecorder recorder) {
		this.recorder = recorder;
	}

	@Override
	public void requestDestroyed(ServletRequestEvent event) {
		if (event.getServletRequest().getAttribute(ChronoTraceFilter.EXCHANGE_ATTRIBUTE) instanceof RecordingExchange exchange
				&& exchange.isAwaitingErrorPage()) {
			this.recorder.complete(exchange);
		}
	}

}
