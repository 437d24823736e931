package io.chronotrace.core.trace;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The recorded response, as the client received it.
 *
 * @param status the HTTP status
 * @param headers the headers, names as sent
 * @param body the body, if the response had one
 * @param size the number of body bytes sent to the client
 */
public record TraceResponse(int status, Map<String, List<String>> headers, @Nullable TraceBody body, long size) {

	public TraceResponse {
		headers = Headers.copyOf(headers);
	}

	/**
	 * A copy with other headers and body, as scrubbing makes.
	 * @param headers the headers
	 * @param body the body
	 * @return the copy
	 */
	public TraceResponse with(Map<String, List<String>> headers, @Nullable TraceBody body) {
		return new TraceResponse(this.status, headers, body, this.size);
	}

}
