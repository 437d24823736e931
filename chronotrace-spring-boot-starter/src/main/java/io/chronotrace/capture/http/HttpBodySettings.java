package io.chronotrace.capture.http;

/**
 * How the bodies of outbound calls are captured.
 *
 * @param maxBodySize the most bytes captured of each body
 * @param binaryBodies whether binary and compressed bodies are kept (as base64); they cannot be
 * scrubbed, so otherwise only their size is recorded
 */
public record HttpBodySettings(long maxBodySize, boolean binaryBodies) {

	/**
	 * The most bytes captured of an outbound call's body: a trace may hold up to
	 * {@code max-events} calls, so their bodies are bounded tighter than the exchange's.
	 */
	public static final long MAX_BODY_SIZE = 16 * 1024;

	/**
	 * The settings of outbound bodies: at most {@link #MAX_BODY_SIZE} bytes, fewer when the
	 * capture limit of the exchange's bodies is lower.
	 * @param captureLimit the capture limit of the exchange's bodies
	 * @param binaryBodies whether binary and compressed bodies are kept
	 * @return the settings
	 */
	public static HttpBodySettings of(long captureLimit, boolean binaryBodies) {
		return new HttpBodySettings(Math.min(captureLimit, MAX_BODY_SIZE), binaryBodies);
	}

}
