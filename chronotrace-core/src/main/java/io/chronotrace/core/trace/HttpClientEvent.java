package io.chronotrace.core.trace;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * An outbound HTTP call made during the request.
 *
 * @param offsetMicros start offset from the request start
 * @param durationMicros time until the response headers arrived, or until the call failed
 * @param outcome {@code ok} for any HTTP status, {@code error} when no response came
 * @param client the client kind: {@code RestClient}, {@code RestTemplate} or {@code WebClient}
 * @param method the HTTP method
 * @param url the URL called
 * @param status the response status, when a response came
 * @param requestHeaders the request headers
 * @param requestBody the request body, up to the capture limit
 * @param requestSize the request body size in bytes
 * @param responseHeaders the response headers
 * @param responseBody the response body, up to the capture limit, when it was read
 * @param responseSize the response body size in bytes, when known
 * @param error the error when the call failed
 */
public record HttpClientEvent(long offsetMicros, long durationMicros, String outcome, String client, String method,
		String url, @Nullable Integer status, Map<String, List<String>> requestHeaders, @Nullable TraceBody requestBody,
		long requestSize, Map<String, List<String>> responseHeaders, @Nullable TraceBody responseBody,
		@Nullable Long responseSize, @Nullable String error) implements TraceEvent {

	public HttpClientEvent {
		requestHeaders = Headers.copyOf(requestHeaders);
		responseHeaders = Headers.copyOf(responseHeaders);
	}

}
