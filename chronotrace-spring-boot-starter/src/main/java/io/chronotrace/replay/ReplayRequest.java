package io.chronotrace.replay;

import java.util.List;
import java.util.Map;

/**
 * The request a replay sends, rebuilt from a recorded one.
 *
 * @param method the HTTP method
 * @param pathAndQuery the raw path (context path included) and query, as recorded
 * @param headers the headers to send
 * @param body the body bytes, empty when none
 * @param warnings what could not be replayed as it was recorded
 */
record ReplayRequest(String method, String pathAndQuery, Map<String, List<String>> headers, byte[] body,
		List<String> warnings) {
}
