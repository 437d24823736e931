package io.chronotrace.core.trace;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An exception, with a bounded stack trace.
 *
 * @param type the exception class name
 * @param message the message, if any
 * @param stackTrace the first frames of the stack trace, one {@code StackTraceElement} string each
 * @param omittedFrames how many frames were left out
 * @param cause the cause, if any (at most a few levels deep)
 */
public record TraceError(String type, @Nullable String message, List<String> stackTrace, int omittedFrames,
		@Nullable TraceError cause) {

	/** How many causes {@link #of(Throwable, int)} follows. */
	private static final int MAX_CAUSE_DEPTH = 4;

	public TraceError {
		stackTrace = (stackTrace != null) ? List.copyOf(stackTrace) : List.of();
	}

	/**
	 * Describes a throwable, keeping at most {@code maxFrames} frames of it and of each cause.
	 * @param throwable the throwable
	 * @param maxFrames the frame bound
	 * @return the description
	 */
	public static TraceError of(Throwable throwable, int maxFrames) {
		return of(throwable, maxFrames, 0);
	}

	private static TraceError of(Throwable throwable, int maxFrames, int depth) {
		StackTraceElement[] frames = throwable.getStackTrace();
		int kept = Math.min(frames.length, Math.max(0, maxFrames));
		List<String> stack = new ArrayList<>(kept);
		for (int i = 0; i < kept; i++) {
			stack.add(frames[i].toString());
		}
		Throwable cause = throwable.getCause();
		TraceError causeError = (cause != null && cause != throwable && depth < MAX_CAUSE_DEPTH)
				? of(cause, maxFrames, depth + 1) : null;
		return new TraceError(throwable.getClass().getName(), throwable.getMessage(), stack, frames.length - kept,
				causeError);
	}

	/**
	 * A copy with another message, as scrubbing makes.
	 * @param message the message
	 * @param cause the cause
	 * @return the copy
	 */
	public TraceError with(@Nullable String message, @Nullable TraceError cause) {
		return new TraceError(this.type, message, this.stackTrace, this.omittedFrames, cause);
	}

}
