package io.chronotrace.capture.http;

/**
 * How the bodies of outbound calls are captured.
 *
 * @param maxBodySize the most bytes captured of each body
 * @param binaryBodies whether binary and compressed bodies are kept (as base64); they cannot be
 * scrubbed, so otherwise only their size is recorded
 */
public record HttpBodySettings(long maxBodySize, boolean binaryBodies) {
}
