package io.chronotrace.replay;

import org.jspecify.annotations.Nullable;

/**
 * An outbound call of a replayed request, as an isolated replay reports it.
 *
 * @param method the HTTP method
 * @param url the URL called
 * @param status the recorded status it was answered with; {@code null} when it had no recorded
 * answer, or when the recorded call had failed without a response
 * @param outcome {@link #ANSWERED}, {@link #NOT_RECORDED} (it failed) or {@link #NOT_MADE} (a
 * recorded call the replay did not make)
 * @param nearest for a call not recorded, the nearest recorded call ({@code POST https://...});
 * {@code null} when the recording holds none
 * @param diff for a call not recorded, the nearest recorded call against it, word by word
 * ({@code [-recorded-]{+sent+}})
 */
public record ReplayCall(String method, String url, @Nullable Integer status, String outcome, @Nullable String nearest,
		@Nullable String diff) {

	/** Answered by a recorded call of the same method and URL. */
	public static final String ANSWERED = "answered from recording";

	/** The recording holds no such call: it failed, and the nearest recorded one is named. */
	public static final String NOT_RECORDED = "not recorded";

	/** Recorded, but the replay did not make it. */
	public static final String NOT_MADE = "recorded, not made";

	/**
	 * A call answered from the recording.
	 * @param method the HTTP method
	 * @param url the URL called
	 * @param status the recorded status it was answered with
	 */
	public ReplayCall(String method, String url, @Nullable Integer status) {
		this(method, url, status, ANSWERED, null, null);
	}

	static ReplayCall nearMiss(String method, String url, @Nullable String nearest, @Nullable String diff) {
		return new ReplayCall(method, url, null, NOT_RECORDED, nearest, diff);
	}

}
