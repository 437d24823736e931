package io.chronotrace.actuate.endpoint;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceBody;
import io.chronotrace.core.trace.TraceRequest;
import org.jspecify.annotations.Nullable;

/**
 * Writes a curl command that repeats a recorded request, for a POSIX shell. Values scrubbed
 * when the request was recorded become shell variables ({@code -H 'Authorization: Bearer
 * '"${AUTHORIZATION}"}), listed in a comment at the top, so that the marker is never sent.
 * Literal text is single-quoted, so nothing in a recorded request is ever interpreted by the
 * shell.
 */
public final class CurlCommand {

	/** Headers curl sets itself, or that describe the recorded connection rather than the request. */
	static final Set<String> SKIPPED_HEADERS = Set.of("host", "content-length", "connection", "keep-alive",
			"transfer-encoding", "te", "trailer", "upgrade", "expect", "proxy-connection", "accept-encoding");

	private final Supplier<String> endpointPath;

	/**
	 * Creates the writer.
	 * @param endpointPath the URL path of the {@code chronotrace} endpoint, named in the hint
	 * to download an attachment body
	 */
	public CurlCommand(Supplier<String> endpointPath) {
		this.endpointPath = endpointPath;
	}

	/**
	 * Writes the command.
	 * @param trace the recorded trace
	 * @param base the base URL to send the request to ({@code http://localhost:8080}), or
	 * {@code null} for the recorded scheme, host and port
	 * @return the command, with its comments
	 * @throws IllegalArgumentException when the base is not an http or https URL
	 */
	public String write(Trace trace, @Nullable String base) {
		TraceRequest request = trace.request();
		ScrubbedValues scrubbed = new ScrubbedValues();
		List<String> notes = new ArrayList<>();
		List<String> arguments = new ArrayList<>();
		String method = request.method().toUpperCase(Locale.ROOT);
		String url = baseUrl(request, base) + request.path()
				+ ((request.query() != null && !request.query().isEmpty()) ? "?" + request.query() : "");
		if ("HEAD".equals(method)) {
			arguments.add("--head");
		}
		else if (!"GET".equals(method) || request.body() != null) {
			arguments.add("-X " + method);
		}
		if (url.indexOf('[') >= 0 || url.indexOf('{') >= 0) {
			arguments.add("--globoff");
		}
		arguments.add(quote(url, scrubbed, null, "query parameter"));
		for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
			String name = header.getKey();
			String lower = name.toLowerCase(Locale.ROOT);
			if (SKIPPED_HEADERS.contains(lower) || lower.startsWith("x-chronotrace-")) {
				continue;
			}
			for (String value : header.getValue()) {
				arguments.add("-H " + quote(name + ": " + value, scrubbed, name, "header " + name));
			}
		}
		String stdin = body(trace, request.body(), arguments, notes, scrubbed);
		StringBuilder command = new StringBuilder();
		command.append("# ").append(method).append(' ').append(request.path()).append(" as recorded at ")
			.append(trace.startTime()).append(" (trace ").append(trace.id()).append("), answered ")
			.append(trace.response().status()).append('\n');
		if (!scrubbed.variables().isEmpty()) {
			command.append("# Values scrubbed when it was recorded: set these variables first\n");
			scrubbed.variables()
				.forEach((variable, where) -> command.append("#   ").append(variable).append("='...'   # ").append(where)
					.append('\n'));
			command.append("# (URL-encode values that go into the URL or a form)\n");
		}
		notes.forEach((note) -> command.append("# ").append(note).append('\n'));
		if (stdin != null) {
			command.append(stdin).append(" | ");
		}
		command.append("curl");
		for (String argument : arguments) {
			command.append(" \\\n  ").append(argument);
		}
		return command.append('\n').toString();
	}

	private @Nullable String body(Trace trace, @Nullable TraceBody body, List<String> arguments, List<String> notes,
			ScrubbedValues scrubbed) {
		if (body == null) {
			return null;
		}
		if (body.truncated()) {
			notes.add("The body was cut at " + body.capturedSize() + " of " + body.size()
					+ " bytes when recorded: the server will see less than the client sent");
		}
		switch (body.encoding()) {
			case TEXT -> arguments.add("--data-binary " + quote(String.valueOf(body.content()), scrubbed, null,
					"request body field"));
			case BASE64 -> {
				arguments.add("--data-binary @-");
				return "printf '%s' " + quote(String.valueOf(body.content()), scrubbed, null, "request body")
						+ " | base64 -d";
			}
			case ATTACHMENT -> {
				notes.add("The body was stored apart: download it first with");
				notes.add("  curl -o " + body.attachment() + " " + singleQuoted(baseUrl(trace.request(), null)
						+ this.endpointPath.get() + "/" + trace.id() + "/attachments/" + body.attachment()));
				arguments.add("--data-binary @" + body.attachment());
			}
			case OMITTED -> notes.add("The body (" + body.size()
					+ " bytes, binary or compressed) was not recorded: this command sends none");
		}
		return null;
	}

	private static String baseUrl(TraceRequest request, @Nullable String base) {
		if (base != null && !base.isBlank()) {
			return checkedBase(base.trim());
		}
		String url = request.url();
		int scheme = url.indexOf("://");
		if (scheme < 0) {
			return "http://localhost:8080";
		}
		int authorityStart = scheme + 3;
		int slash = url.indexOf('/', authorityStart);
		int query = url.indexOf('?', authorityStart);
		int end = (slash < 0) ? ((query < 0) ? url.length() : query) : (query < 0) ? slash : Math.min(slash, query);
		String authority = url.substring(authorityStart, end);
		// user info (possibly scrubbed) is not part of the base
		authority = authority.substring(authority.lastIndexOf('@') + 1);
		return url.substring(0, authorityStart) + authority;
	}

	private static String checkedBase(String base) {
		try {
			URI uri = new URI(base);
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getQuery() == null
					&& uri.getFragment() == null) {
				return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
			}
		}
		catch (URISyntaxException ex) {
			// answered below
		}
		throw new IllegalArgumentException("Invalid base '" + base.replaceAll("\\p{Cntrl}", "?")
				+ "': use an http or https URL such as http://localhost:8080");
	}

	/**
	 * Quotes text for a POSIX shell: literal parts in single quotes, scrubbed values as
	 * double-quoted variables.
	 * @param text the text
	 * @param scrubbed the variables of this request
	 * @param owner the header that holds the whole text, or {@code null} to name each value
	 * after the field before it
	 * @param where what kind of place a value came from, for the comment
	 */
	static String quote(String text, ScrubbedValues scrubbed, @Nullable String owner, String where) {
		if (!ScrubbedValues.contains(text)) {
			return singleQuoted(text);
		}
		String separator = "\u0000";
		String marked = ScrubbedValues.replace(text, (name, encoded) -> {
			String holder = (owner != null) ? owner : name;
			String description = (owner != null) ? where : (name != null) ? where + " " + name : where;
			return separator + scrubbed.variable(holder, description) + separator;
		});
		StringBuilder quoted = new StringBuilder();
		String[] parts = marked.split(separator, -1);
		for (int i = 0; i < parts.length; i++) {
			if (i % 2 == 1) {
				quoted.append("\"${").append(parts[i]).append("}\"");
			}
			else if (!parts[i].isEmpty()) {
				quoted.append(singleQuoted(parts[i]));
			}
		}
		return quoted.toString();
	}

	static String singleQuoted(String text) {
		return "'" + text.replace("'", "'\\''") + "'";
	}

}
