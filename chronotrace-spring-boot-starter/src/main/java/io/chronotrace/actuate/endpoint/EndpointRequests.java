package io.chronotrace.actuate.endpoint;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;

/**
 * What the endpoint's request filters of both web stacks ask of a request: whether it is for
 * the endpoint, whether it writes, whether a page of another site sent it, whether it is JSON.
 */
public final class EndpointRequests {

	/** The answer to a write request from another site. */
	public static final String CROSS_SITE_REFUSAL = "{\"status\":403,\"error\":\"Forbidden\",\"message\":\"The"
			+ " chronotrace endpoint takes replay, delete and purge requests from its own page or a command-line"
			+ " client, not from a page of another site\"}";

	private EndpointRequests() {
	}

	/**
	 * The headers every answer of the endpoint carries: a strict content security policy (only
	 * the page's own script and style run, no other site may frame it), and no sniffing,
	 * framing, referrer or caching.
	 * @return the headers, by name
	 */
	public static Map<String, String> protectiveHeaders() {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Content-Security-Policy", TraceBrowserPage.contentSecurityPolicy());
		headers.put("X-Content-Type-Options", "nosniff");
		headers.put("X-Frame-Options", "DENY");
		headers.put("Referrer-Policy", "no-referrer");
		headers.put("Cache-Control", "no-store");
		return headers;
	}

	/**
	 * Whether a path is the endpoint's or one of its operations'.
	 * @param path the request's path within the application (after the context path)
	 * @param endpoint the endpoint's path, such as {@code /actuator/chronotrace}
	 * @return whether it is
	 */
	public static boolean isEndpoint(String path, String endpoint) {
		// a dispatcher servlet mapped under a path puts it before the endpoint's; asked on every
		// request of the application, so without building strings
		for (int at = path.indexOf(endpoint); at >= 0; at = path.indexOf(endpoint, at + 1)) {
			int end = at + endpoint.length();
			if (end == path.length() || path.charAt(end) == '/') {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether a method may change something: anything but {@code GET}, {@code HEAD} and
	 * {@code OPTIONS}.
	 * @param method the method
	 * @return whether it writes
	 */
	public static boolean isWrite(String method) {
		String upper = method.toUpperCase(Locale.ROOT);
		return !upper.equals("GET") && !upper.equals("HEAD") && !upper.equals("OPTIONS");
	}

	/**
	 * Whether a browser sent the request for a page of another origin. Browsers of the last
	 * years send {@code Sec-Fetch-Site}; older ones send {@code Origin} with every cross-origin
	 * write, which is then compared with the request's own host. A command-line client sends
	 * neither.
	 * @param secFetchSite the {@code Sec-Fetch-Site} header, if any
	 * @param origin the {@code Origin} header, if any
	 * @param host the {@code Host} header, if any
	 * @return whether another site sent it
	 */
	public static boolean isCrossSite(@Nullable String secFetchSite, @Nullable String origin, @Nullable String host) {
		if (secFetchSite != null) {
			return !secFetchSite.equalsIgnoreCase("same-origin") && !secFetchSite.equalsIgnoreCase("none");
		}
		if (origin == null) {
			return false;
		}
		int scheme = origin.indexOf("://");
		return host == null || scheme < 0 || !origin.substring(scheme + 3).equalsIgnoreCase(host);
	}

	/**
	 * Whether a content type is JSON.
	 * @param contentType the content type, if any
	 * @return whether actuator takes it as JSON
	 */
	public static boolean isJson(@Nullable String contentType) {
		try {
			return contentType != null && MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(contentType));
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

}
