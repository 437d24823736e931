package io.chronotrace.core.storage;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a storage operation fails: the message names the backend and, where there is
 * one, the trace.
 */
public class TraceStorageException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final boolean retryable;

	public TraceStorageException(String message, @Nullable Throwable cause) {
		this(message, cause, false);
	}

	/**
	 * Creates an exception.
	 * @param message the message, naming the backend and trace
	 * @param cause the cause
	 * @param retryable whether the same operation may succeed later (an outage, a timeout,
	 * throttling) rather than never (access denied, a bad request)
	 */
	public TraceStorageException(String message, @Nullable Throwable cause, boolean retryable) {
		super(message, cause);
		this.retryable = retryable;
	}

	/**
	 * Whether the same operation may succeed later.
	 * @return {@code true} for outages, timeouts and throttling
	 */
	public boolean isRetryable() {
		return this.retryable;
	}

}
