package io.chronotrace.core.trace;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when stored content is not a valid trace or summary: a corrupt, truncated or foreign
 * file. Backends skip such entries with a warning rather than fail a listing.
 */
public class TraceFormatException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public TraceFormatException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
