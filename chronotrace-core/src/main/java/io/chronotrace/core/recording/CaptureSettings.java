package io.chronotrace.core.recording;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import io.chronotrace.core.scrub.BodyScrubber;
import io.chronotrace.core.trace.TraceAttachment;

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
		boolean captureResponse, boolean binaryBodies) {

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
	 * Settings that keep binary and compressed bodies out, as they cannot be scrubbed.
	 * @param captureLimit the most bytes kept of a body
	 * @param memoryThreshold the most bytes kept in memory before spilling to a file
	 * @param spillDirectory where spill files go
	 * @param captureRequest whether request bodies are kept
	 * @param captureResponse whether response bodies are kept
	 */
	public CaptureSettings(long captureLimit, long memoryThreshold, Path spillDirectory, boolean captureRequest,
			boolean captureResponse) {
		this(captureLimit, memoryThreshold, spillDirectory, captureRequest, captureResponse, false);
	}

	/**
	 * Starts the capture of a request body; it only counts bytes when request capture is off.
	 * @param scrubber the body scrubber
	 * @param contentType the body's content type, asked when the first byte is kept
	 * @return the capture
	 */
	public BodyCapture requestBody(BodyScrubber scrubber, Supplier<@Nullable String> contentType) {
		return requestBody(scrubber, contentType, () -> null);
	}

	/**
	 * Starts the capture of a request body; it only counts bytes when request capture is off.
	 * @param scrubber the body scrubber
	 * @param contentType the body's content type, asked when the first byte is kept
	 * @param contentEncoding the body's {@code Content-Encoding}, asked with the content type
	 * @return the capture
	 */
	public BodyCapture requestBody(BodyScrubber scrubber, Supplier<@Nullable String> contentType,
			Supplier<@Nullable String> contentEncoding) {
		return new BodyCapture(this, this.captureRequest, scrubber, TraceAttachment.REQUEST_BODY, contentType,
				contentEncoding);
	}

	/**
	 * Starts the capture of a response body; it only counts bytes when response capture is off.
	 * @param scrubber the body scrubber
	 * @param contentType the body's content type, asked when the first byte is kept
	 * @return the capture
	 */
	public BodyCapture responseBody(BodyScrubber scrubber, Supplier<@Nullable String> contentType) {
		return responseBody(scrubber, contentType, () -> null);
	}

	/**
	 * Starts the capture of a response body; it only counts bytes when response capture is off.
	 * @param scrubber the body scrubber
	 * @param contentType the body's content type, asked when the first byte is kept
	 * @param contentEncoding the body's {@code Content-Encoding}, asked with the content type
	 * @return the capture
	 */
	public BodyCapture responseBody(BodyScrubber scrubber, Supplier<@Nullable String> contentType,
			Supplier<@Nullable String> contentEncoding) {
		return new BodyCapture(this, this.captureResponse, scrubber, TraceAttachment.RESPONSE_BODY, contentType,
				contentEncoding);
	}

}
