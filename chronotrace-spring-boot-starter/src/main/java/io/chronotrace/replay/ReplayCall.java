package io.chronotrace.replay;

import org.jspecify.annotations.Nullable;

/**
 * An outbound call of a replayed request, as an isolated replay reports it.
 *
 * @param method the HTTP method
 * @param url the URL called
 * @param status the recorded status it was answered with; {@code null} when it had no recorded
 * answer, or when the recorded call had failed without a response
 */
public record ReplayCall(String method, String url, @Nullable Integer status) {
}
