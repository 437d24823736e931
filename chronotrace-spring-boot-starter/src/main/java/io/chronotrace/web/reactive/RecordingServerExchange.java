package io.chronotrace.web.reactive;

import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

import io.chronotrace.core.recording.ActiveTrace;
import io.chronotrace.web.RecordingDecision;

/**
 * One WebFlux exchange being recorded: its trace, the decision taken when it arrived, its
 * decorated request and response, and the exception that escaped the filter chain.
 */
final class RecordingServerExchange {

	private final ActiveTrace trace;

	private final RecordingDecision decision;

	private final RecordingServerRequest request;

	private final RecordingServerResponse response;

	private final AtomicBoolean completed = new AtomicBoolean();

	private volatile @Nullable Throwable exception;

	RecordingServerExchange(ActiveTrace trace, RecordingDecision decision, RecordingServerRequest request,
			RecordingServerResponse response) {
		this.trace = trace;
		this.decision = decision;
		this.request = request;
		this.response = response;
	}

	ActiveTrace trace() {
		return this.trace;
	}

	RecordingServerRequest request() {
		return this.request;
	}

	RecordingServerResponse response() {
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
		return this.exception != null || this.response.status() >= 500;
	}

	/**
	 * Whether the exchange is to be recorded, as far as is known now.
	 * @return whether it is recorded
	 */
	boolean isRecorded() {
		return this.decision == RecordingDecision.RECORD || isFailed();
	}

	/**
	 * Marks the exchange completed.
	 * @return whether it was not completed before
	 */
	boolean complete() {
		return this.completed.compareAndSet(false, true);
	}

	/** Drops what was captured: the exchange is not recorded. */
	void discard() {
		this.trace.finish();
		this.request.discardBody();
		this.response.discardBody();
	}

}
