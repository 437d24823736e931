package io.chronotrace.core.trace;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The recorded request.
 *
 * @param method the HTTP method
 * @param url the full URL as the client sent it, query included
 * @param path the path, without the context path's removal and without the query
 * @param query the raw query string, if any
 * @param headers the headers, in the order received, names as sent
 * @param body the body, if the request had one
 * @param remoteAddress the client address as the server saw it
 */
public record TraceRequest(String method, String url, String path, @Nullable String query,
		Map<String, List<String>> headers, @Nullable TraceBody body, @Nullable String remoteAddress) {

	public TraceRequest {
		Objects.requireNonNull(method, "method");
		Objects.requireNonNull(url, "url");
		Objects.requireNonNull(path, "path");
		headers = Headers.copyOf(headers);
	}

	/**
	 * A copy with other headers, query, URL and body, as scrubbing makes.
	 * @param url the URL
	 * @param query the query
	 * @param headers the headers
	 * @param body the body
	 * @return the copy
	 */
	public TraceRequest with(String url, @Nullable String query, Map<String, List<String>> headers,
			@Nullable TraceBody body) {
		return new TraceRequest(this.method, url, this.path, query, headers, body, this.remoteAddress);
	}

}
