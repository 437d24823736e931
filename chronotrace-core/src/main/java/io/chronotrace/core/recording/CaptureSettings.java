package io.chronotrace.core.recording;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import io.chronotrace.core.scrub.BodyScrubber;

/**
 * How request and response bodies are captured.
 *
 * @param captureLimit the most bytes of each body kept; beyond, bytes are only counted
 * @param memoryThreshold the most bytes of each body held in memory (the compression settings'
 * {@code max-payload-size}); a larger body is spilled to a temporary file
 * @param spillDirectory where bodies larger than {@code memoryThreshold} are spilled
 * @param captureRequest whether request bodies are captured
 * @param captureResponse whether response bodies are captured
 */
public record CaptureSettings(long captureLimit, long memoryThreshold, Path spillDirectory, boolean captureRequest,
		boolean captureResponse) {

	/** The largest memory threshold a byte array can hold. */
	static final long MAX_MEMORY_THRESHOLD = Integer.MAX_VALUE - 16;

	public CaptureSettings {
		Objects.requireNonNull(spillDirectory, "spillDirectory");
		if (captureLimit < 0) {
			throw new IllegalArgumentException("capture limit must not be negative, was " + captureLimit);
		}
		if (memoryThreshold < 1) {
			throw new IllegalArgumentException("memory threshold must be positive, was " + memoryThreshold);
		}
		memoryThreshold = Math.min(memoryThreshold, MAX_MEMORY_THRESHOLD);
	}

	/**
	 * Starts the capture of a request body; it only counts bytes when request capture is off.
	 * @param scrubber the body scrubber
	 * @param contentType the body's content type, asked when the first byte is kept
	 * @return the capture
	 */
	public BodyCapture requestBody(BodyScrubber scrubber, Supplier<@Nullable String> contentType) {
		return new BodyCapture(this, this.captureRequest, scrubber, "request-body", contentType);
	}

	/**
	 * Starts the capture of a response body; it only counts bytes when response capture is off.
	 * @param scrubber the body scrubber
	 * @param contentType the body's content type, asked when the first byte is kept
	 * @return the capture
	 */
	public BodyCapture responseBody(BodyScrubber scrubber, Supplier<@Nullable String> contentType) {
		return new BodyCapture(this, this.captureResponse, scrubber, "response-body", contentType);
	}

}
