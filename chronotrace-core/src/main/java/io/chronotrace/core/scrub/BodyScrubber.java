package io.chronotrace.core.scrub;

import java.io.OutputStream;

import org.jspecify.annotations.Nullable;

/**
 * Scrubs a body while it is captured, before any of it is kept in memory or spilled to disk:
 * the captured bytes go through the returned stream, and only scrubbed bytes reach the target.
 */
@FunctionalInterface
public interface BodyScrubber {

	/** Keeps bodies as they are. */
	BodyScrubber NONE = (target, contentType) -> target;

	/**
	 * Wraps the capture target in a stream that writes the scrubbed form of what it receives.
	 * Closing the returned stream flushes what remains and closes the target.
	 * @param target where the scrubbed bytes go
	 * @param contentType the body's content type, which selects how it is scrubbed
	 * @return the stream to write captured bytes to
	 */
	OutputStream scrubbing(OutputStream target, @Nullable String contentType);

}
