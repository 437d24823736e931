package io.chronotrace.web.servlet;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;

/**
 * Ends the recording of an async exchange when its async cycle completes, so that the trace holds
 * the final response, not the empty one of the dispatch that started the cycle. The container
 * calls {@code onComplete} after {@code onError} and {@code onTimeout} too; an error is noted so
 * that it is recorded as the exchange's exception.
 */
final class RecordingAsyncListener implements AsyncListener {

	private final RecordingExchange exchange;

	private final TraceRecorder recorder;

	RecordingAsyncListener(RecordingExchange exchange, TraceRecorder recorder) {
		this.exchange = exchange;
		this.recorder = recorder;
	}

	@Override
	public void onComplete(AsyncEvent event) {
		this.recorder.complete(this.exchange);
	}

	@Override
	public void onError(AsyncEvent event) {
		Throwable throwable = event.getThrowable();
		if (throwable != null) {
			this.exchange.failed(throwable);
		}
	}

	@Override
	public void onTimeout(AsyncEvent event) {
		// the timeout handling that follows sets the status the client gets; onComplete records it
	}

	@Override
	public void onStartAsync(AsyncEvent event) {
		// an async dispatch started another cycle: listeners are not carried over
		event.getAsyncContext().addListener(this);
	}

}
