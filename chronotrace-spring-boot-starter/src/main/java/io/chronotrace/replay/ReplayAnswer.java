package io.chronotrace.replay;

import java.util.List;
import java.util.Map;

/**
 * What a replayed request got back.
 *
 * @param status the status
 * @param headers the headers, as the server named them
 * @param body the body, read up to the capture limit
 */
record ReplayAnswer(int status, Map<String, List<String>> headers, BoundedBody body) {
}
