package io.chronotrace.web.servlet;

import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

import io.chronotrace.core.recording.ActiveTrace;
import io.chronotrace.web.servlet.RecordingPolicy.Decision;

/**
 * One exchange being recorded: its trace, the decision taken when it arrived, its wrapped request
 * and response, and what went wrong. Kept as a request attribute so that async dispatches find it.
 */
final class RecordingExchange {

	private final ActiveTrace trace;

	private final Decision decision;

	private final RecordingRequestWrapper request;

	private final RecordingResponseWrapper response;

	private final AtomicBoolean completed = new AtomicBoolean();

	private final AtomicBoolean listening = new AtomicBoolean();

	private volatile boolean awaitingErrorPage;

	private volatile @Nullable Throwable exception;

	RecordingExchange(ActiveTrace trace, Decision decision, RecordingRequestWrapper request,
			RecordingResponseWrapper response) {
		this.trace = trace;
		this.decision = decision;
		this.request = request;
		this.response = response;
	}

	ActiveTrace trace() {
		return this.trace;
	}

	RecordingRequestWrapper request() {
		return this.request;
	}

	RecordingResponseWrapper response() {
		return this.response;
	}

	@Nullable Throwable exception() {
		return this.exception;
	}

	/**
	 * Notes the exception that escaped the exchange; the first one is kept.
	 * @param ex the exception
	 */
	void failed(Throwable ex) {
		if (this.exception == null) {
			this.exception = ex;
		}
	}

	/**
	 * Whether the exchange failed: a status of 500 or above, or an escaped exception.
	 * @return whether it failed
	 */
	boolean isFailed() {
		return this.exception != null || this.response.getStatus() >= 500;
	}

	/**
	 * Whether the exchange is to be recorded, as far as is known now.
	 * @return whether it is recorded
	 */
	boolean isRecorded() {
		return this.decision == Decision.RECORD || isFailed();
	}

	/** Announces the trace id if the exchange failed and the response is not committed yet. */
	void announceIfFailed() {
		if (isFailed()) {
			this.response.announceFailure();
		}
	}

	/**
	 * Marks the exchange completed.
	 * @return whether it was not completed before
	 */
	boolean complete() {
		return this.completed.compareAndSet(false, true);
	}

	boolean isCompleted() {
		return this.completed.get();
	}

	/**
	 * Marks the async cycle as listened to.
	 * @return whether no listener was registered before
	 */
	boolean listen() {
		return this.listening.compareAndSet(false, true);
	}

	/**
	 * Marks the exchange as waiting for the error page, when the container is to render one:
	 * after an exception escaped or an error was sent. The container renders it in an error
	 * dispatch that starts after the dispatch that failed has left every filter.
	 * @return whether the exchange waits for an error page
	 */
	boolean awaitErrorPage() {
		if (this.exception != null || this.response.isErrorSent()) {
			this.awaitingErrorPage = true;
		}
		return this.awaitingErrorPage;
	}

	/**
	 * Whether the exchange waits for an error page, so that the error dispatch or, when there is
	 * none, the end of the request ends it.
	 * @return whether it waits
	 */
	boolean isAwaitingErrorPage() {
		return this.awaitingErrorPage;
	}

	/** Drops what was captured: the exchange is not recorded. */
	void discard() {
		this.trace.finish();
		this.request.discardBody();
		this.response.discardBody();
	}

}
