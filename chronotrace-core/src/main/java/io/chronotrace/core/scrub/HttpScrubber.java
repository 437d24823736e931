package io.chronotrace.core.scrub;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Scrubs the HTTP parts of a trace that are not bodies: headers, URLs, paths and query strings,
 * of the request and of outbound calls.
 */
final class HttpScrubber {

	private final ScrubRules rules;

	HttpScrubber(ScrubRules rules) {
		this.rules = rules;
	}

	/**
	 * Scrubs headers: every value of a header whose name matches a key ({@code Authorization},
	 * {@code Cookie}, {@code Set-Cookie}, {@code X-Api-Key}) becomes the marker, keeping a known
	 * authentication scheme ({@code Bearer [SCRUBBED]}); other values are scrubbed as free text.
	 */
	Map<String, List<String>> headers(Map<String, List<String>> headers) {
		if (headers.isEmpty()) {
			return headers;
		}
		// most headers hold nothing to scrub: the map is copied only once a value changes
		Map<String, List<String>> scrubbed = null;
		for (Map.Entry<String, List<String>> header : headers.entrySet()) {
			List<String> scrubbedValues = values(header.getKey(), header.getValue());
			if (scrubbed == null && scrubbedValues != header.getValue()) {
				// the first change: the headers before this one are kept as they are
				scrubbed = new LinkedHashMap<>(headers.size() * 2);
				for (Map.Entry<String, List<String>> earlier : headers.entrySet()) {
					if (earlier.getKey().equals(header.getKey())) {
						break;
					}
					scrubbed.put(earlier.getKey(), earlier.getValue());
				}
			}
			if (scrubbed != null) {
				scrubbed.put(header.getKey(), scrubbedValues);
			}
		}
		return (scrubbed != null) ? Collections.unmodifiableMap(scrubbed) : headers;
	}

	/** A header's values scrubbed; the same list when none changed. */
	private List<String> values(String name, List<String> values) {
		boolean secret = this.rules.isSecretName(name);
		List<String> copy = null;
		for (int i = 0; i < values.size(); i++) {
			String value = values.get(i);
			String scrubbed = secret ? maskSecret(value) : this.rules.scrubText(value);
			if (copy == null && !scrubbed.equals(value)) {
				copy = new ArrayList<>(values.subList(0, i));
			}
			if (copy != null) {
				copy.add(scrubbed);
			}
		}
		return (copy != null) ? copy : values;
	}

	private static String maskSecret(String value) {
		int space = value.indexOf(' ');
		if (space > 0 && KeyValueMatcher.AUTH_SCHEMES.contains(value.substring(0, space).toLowerCase(Locale.ROOT))) {
			return value.substring(0, space) + " " + ScrubRules.MARKER;
		}
		return ScrubRules.MARKER;
	}

	/**
	 * Scrubs a path: the values of path parameters ({@code ;name=value}, as in
	 * {@code /cart;jsessionid=...}) whose name matches a key become the marker, as a query
	 * parameter's would; the value patterns run on the rest.
	 */
	String path(String path) {
		return this.rules.scrubValue(pathParameters(path, 0));
	}

	/**
	 * Scrubs a URL: the password of its user info (or all of the user info when it is a single
	 * token), path parameters as {@link #path(String)}, the query string and a fragment of
	 * parameters ({@code #access_token=...}) as {@link #query(String)}, and the value patterns
	 * on the rest.
	 */
	String url(String url) {
		int fragmentStart = url.indexOf('#');
		int end = (fragmentStart >= 0) ? fragmentStart : url.length();
		int queryStart = url.indexOf('?');
		if (queryStart > end) {
			queryStart = -1;
		}
		int pathEnd = (queryStart >= 0) ? queryStart : end;
		StringBuilder scrubbed = new StringBuilder(url.length() + 16);
		String beforeQuery = withoutPassword(url.substring(0, pathEnd));
		scrubbed.append(this.rules.scrubValue(pathParameters(beforeQuery, pathStart(beforeQuery))));
		if (queryStart >= 0) {
			scrubbed.append('?').append(query(url.substring(queryStart + 1, end)));
		}
		if (fragmentStart >= 0) {
			String fragment = url.substring(fragmentStart + 1);
			scrubbed.append('#').append((fragment.indexOf('=') >= 0) ? query(fragment) : this.rules.scrubValue(fragment));
		}
		return scrubbed.toString();
	}

	/** Where the path of a URL starts: after the scheme and authority, if any. */
	private static int pathStart(String url) {
		int scheme = url.indexOf("://");
		if (scheme < 0) {
			return 0;
		}
		int slash = url.indexOf('/', scheme + 3);
		return (slash >= 0) ? slash : url.length();
	}

	/**
	 * The values of path parameters with a secret name replaced by the marker. A parameter runs
	 * from a {@code ;} to the next {@code ;} or {@code /}; its name is judged URL-decoded.
	 */
	private String pathParameters(String text, int from) {
		int semicolon = text.indexOf(';', from);
		if (semicolon < 0) {
			return text;
		}
		StringBuilder scrubbed = null;
		int copied = 0;
		while (semicolon >= 0) {
			int end = semicolon + 1;
			while (end < text.length() && text.charAt(end) != ';' && text.charAt(end) != '/') {
				end++;
			}
			int equals = text.indexOf('=', semicolon + 1);
			if (equals >= 0 && equals < end && equals + 1 < end && isSecretParameter(text, semicolon + 1, equals)) {
				if (scrubbed == null) {
					scrubbed = new StringBuilder(text.length() + 16);
				}
				scrubbed.append(text, copied, equals + 1).append(ScrubRules.MARKER);
				copied = end;
			}
			semicolon = text.indexOf(';', end);
		}
		return (scrubbed != null) ? scrubbed.append(text, copied, text.length()).toString() : text;
	}

	private boolean isSecretParameter(String text, int start, int end) {
		byte[] raw = text.substring(start, end).getBytes(StandardCharsets.UTF_8);
		return this.rules.isSecretName(FormCodec.decode(raw, raw.length, StandardCharsets.UTF_8));
	}

	private static String withoutPassword(String url) {
		int scheme = url.indexOf("://");
		if (scheme < 0) {
			return url;
		}
		int authorityStart = scheme + 3;
		int authorityEnd = url.indexOf('/', authorityStart);
		String authority = url.substring(authorityStart, (authorityEnd >= 0) ? authorityEnd : url.length());
		int at = authority.lastIndexOf('@');
		if (at < 0) {
			return url;
		}
		int colon = authority.indexOf(':');
		String userInfo = (colon >= 0 && colon < at) ? authority.substring(0, colon + 1) + ScrubRules.MARKER
				: ScrubRules.MARKER;
		return url.substring(0, authorityStart) + userInfo + url.substring(authorityStart + at);
	}

	/**
	 * Scrubs a query string as a form: the values of parameters whose name matches a key
	 * become the marker, others get the value patterns.
	 */
	@Nullable String query(@Nullable String query) {
		if (query == null || query.isEmpty()) {
			return query;
		}
		return DefaultBodyScrubber.scrub(query,
				(out) -> new FormScrubbingOutputStream(out, StandardCharsets.UTF_8, this.rules));
	}

}
