package io.chronotrace.replay;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The request a replay sends, rebuilt from a recorded one.
 *
 * @param method the HTTP method
 * @param pathAndQuery the raw path (context path included) and query, as recorded
 * @param host the {@code Host} the original request carried, {@code null} when it had none that
 * can be sent
 * @param headers the headers to send, without {@code Host}
 * @param body the body bytes, empty when none
 * @param warnings what could not be replayed as it was recorded
 */
record ReplayRequest(String method, String pathAndQuery, @Nullable String host, Map<String, List<String>> headers,
		byte[] body, List<String> warnings) {
}
