package io.chronotrace.replay;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import io.chronotrace.core.support.ContentTypes;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceBody;
import io.chronotrace.core.trace.TraceRequest;

/**
 * Rebuilds the request of a trace for a replay: same method, path, query, headers and body,
 * without the headers {@link ResentHeaders} leaves out (the connection's, forwarding ones, and
 * {@code Accept-Encoding}, so that the replayed response can be compared as text), and with
 * every scrubbed value substituted or left out ({@link ScrubbedValueReplacer}).
 */
final class ReplayRequests {

	private final ScrubbedValueReplacer scrubbed;

	ReplayRequests(ScrubbedValueReplacer scrubbed) {
		this.scrubbed = scrubbed;
	}

	/**
	 * Rebuilds the request of a trace.
	 * @param trace the recorded trace
	 * @param attachments reads a body kept as an attachment, by name; {@code null} when absent
	 * @return the request to send
	 */
	ReplayRequest rebuild(Trace trace, Function<String, byte @Nullable []> attachments) {
		TraceRequest request = trace.request();
		List<String> warnings = new ArrayList<>();
		return new ReplayRequest(request.method(), pathAndQuery(request, warnings), host(request, warnings),
				headers(request.headers()), body(request.body(), attachments, warnings), warnings);
	}

	/**
	 * The {@code Host} the original request carried (the application builds its absolute URLs
	 * from it), or the authority of its URL; {@code null} when neither can be sent as a header.
	 */
	private static @Nullable String host(TraceRequest request, List<String> warnings) {
		String host = null;
		for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
			if (header.getKey().equalsIgnoreCase("Host") && !header.getValue().isEmpty()) {
				host = header.getValue().get(0);
			}
		}
		if (host == null) {
			try {
				host = URI.create(request.url()).getRawAuthority();
			}
			catch (IllegalArgumentException ex) {
				// no authority to be had
			}
		}
		if (host == null) {
			return null;
		}
		if (!isAuthority(host)) {
			warnings.add("The recorded Host header is not a host and port; the replay sends the application's own");
			return null;
		}
		return host;
	}

	private static boolean isAuthority(String host) {
		if (host.isEmpty() || host.length() > 255 || ScrubbedValueReplacer.isScrubbed(host)) {
			return false;
		}
		for (int i = 0; i < host.length(); i++) {
			char c = host.charAt(i);
			boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
					|| ".-_~:[]%".indexOf(c) >= 0;
			if (!allowed) {
				return false;
			}
		}
		return true;
	}

	private String pathAndQuery(TraceRequest request, List<String> warnings) {
		String path = rawPath(request);
		if (ScrubbedValueReplacer.isScrubbed(path)) {
			warnings.add("The recorded path was scrubbed; the replay sends it without the scrubbed part");
			path = this.scrubbed.text(path.replace("%5BSCRUBBED%5D", "[SCRUBBED]"));
		}
		String query = request.query();
		if (query == null || query.isEmpty()) {
			return path;
		}
		String replayed = this.scrubbed.form(query);
		return replayed.isEmpty() ? path : path + "?" + replayed;
	}

	/** The path as the client sent it (encoded), from the URL; the recorded path otherwise. */
	private static String rawPath(TraceRequest request) {
		try {
			String rawPath = URI.create(request.url()).getRawPath();
			if (rawPath != null && !rawPath.isEmpty()) {
				return rawPath;
			}
		}
		catch (IllegalArgumentException ex) {
			// a scrubbed URL may hold characters a URI does not accept
		}
		return request.path();
	}

	private Map<String, List<String>> headers(Map<String, List<String>> recorded) {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		recorded.forEach((name, values) -> {
			if (!ResentHeaders.isResent(name)) {
				return;
			}
			List<String> sent = new ArrayList<>();
			for (String value : values) {
				String replayed = this.scrubbed.value(name, value);
				if (replayed != null && !sent.contains(replayed)) {
					sent.add(replayed);
				}
			}
			if (!sent.isEmpty()) {
				headers.put(name, sent);
			}
		});
		return headers;
	}

	private byte[] body(@Nullable TraceBody body, Function<String, byte @Nullable []> attachments,
			List<String> warnings) {
		if (body == null) {
			return new byte[0];
		}
		if (body.truncated()) {
			warnings.add("The recorded request body was cut at " + body.capturedSize() + " of its " + body.size()
					+ " bytes; the replay sends the captured part");
		}
		String mimeType = ContentTypes.mimeType(body.contentType());
		if (mimeType.startsWith("multipart/")) {
			warnings.add("A multipart body is recorded as its fields and file names, not as sent; the replay sends"
					+ " it as recorded");
		}
		Charset charset = charset(body);
		return switch (body.encoding()) {
			case TEXT -> this.scrubbed.body((body.content() != null) ? body.content() : "", body.contentType())
				.getBytes(charset);
			case BASE64 -> Base64.getDecoder().decode((body.content() != null) ? body.content() : "");
			case ATTACHMENT -> attachment(body, attachments, charset, warnings);
			case OMITTED -> {
				warnings.add("The recorded request body (" + body.size()
						+ " bytes, binary or compressed) was not stored; the replay sends no body");
				yield new byte[0];
			}
		};
	}

	private byte[] attachment(TraceBody body, Function<String, byte @Nullable []> attachments, Charset charset,
			List<String> warnings) {
		byte[] bytes = (body.attachment() != null) ? attachments.apply(body.attachment()) : null;
		if (bytes == null) {
			warnings.add("The recorded request body's attachment " + body.attachment()
					+ " could not be read; the replay sends no body");
			return new byte[0];
		}
		if (body.charset() == null) {
			return bytes;
		}
		return this.scrubbed.body(new String(bytes, charset), body.contentType()).getBytes(charset);
	}

	static Charset charset(TraceBody body) {
		Charset named = ContentTypes.charsetNamed(body.charset());
		if (named != null) {
			return named;
		}
		Charset declared = ContentTypes.charset(body.contentType());
		return (declared != null) ? declared : StandardCharsets.UTF_8;
	}

}
