package io.chronotrace.replay;

import org.jspecify.annotations.Nullable;

/** Thrown when a replay cannot be sent or gets no response. */
public class ReplayException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param message what failed, naming the trace and the target
	 * @param cause the cause
	 */
	public ReplayException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
