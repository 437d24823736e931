package io.chronotrace.actuate.endpoint;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceBody;
import io.chronotrace.core.trace.TraceRequest;
import io.chronotrace.replay.ResentHeaders;
import org.jspecify.annotations.Nullable;

/**
 * Writes a curl command that repeats a recorded request. Everything in a recorded request was
 * written by whoever sent it, so every value is quoted ({@link ShellText}: single quotes, or
 * bash's {@code $'...'} when it holds control characters), every comment line is stripped of
 * line breaks and control characters, and the command is sent to this application's own
 * address (or the base the caller names), never to the host the client claimed. A method that
 * is not a plain word of letters gets no command at all. Values scrubbed when the request was
 * recorded become shell variables ({@code -H 'Authorization: Bearer '"${AUTHORIZATION}"}),
 * listed in a comment at the top, so that the marker is never sent.
 */
public final class CurlCommand {

	private final Supplier<String> applicationBase;

	private final Supplier<String> endpointUrl;

	/**
	 * Creates the writer.
	 * @param applicationBase the base URL of this application, such as
	 * {@code http://localhost:8080}: where the command is sent unless the caller names a base
	 * @param endpointUrl the URL of the {@code chronotrace} endpoint, named in the hint to
	 * download an attachment body
	 */
	public CurlCommand(Supplier<String> applicationBase, Supplier<String> endpointUrl) {
		this.applicationBase = applicationBase;
		this.endpointUrl = endpointUrl;
	}

	/**
	 * Writes the command.
	 * @param trace the recorded trace
	 * @param base the base URL to send the request to ({@code https://staging.example.com}),
	 * or {@code null} for this application
	 * @return the command, with its comments
	 * @throws IllegalArgumentException when the base is not an http or https URL
	 */
	public String write(Trace trace, @Nullable String base) {
		TraceRequest request = trace.request();
		String method = request.method().toUpperCase(Locale.ROOT);
		StringBuilder command = new StringBuilder();
		command.append("# ").append(ShellText.comment(method + " " + request.path())).append(" as recorded at ")
			.append(trace.startTime()).append(" (trace ").append(trace.id()).append("), answered ")
			.append(trace.response().status()).append('\n');
		if (!isPlainMethod(method)) {
			return command.append("# No command: the recorded method is not a word of letters, so it is no method")
				.append(" curl could\n# send safely (whoever sent the request chose it)\n").toString();
		}
		String target = (base != null && !base.isBlank()) ? checkedBase(base.trim()) : this.applicationBase.get();
		ScrubbedValues scrubbed = new ScrubbedValues();
		List<String> notes = new ArrayList<>();
		List<String> arguments = new ArrayList<>();
		String url = target + request.path()
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
			if (!ResentHeaders.isResent(name)) {
				continue;
			}
			for (String value : header.getValue()) {
				arguments.add("-H " + quote(name + ": " + value, scrubbed, name, "header " + name));
			}
		}
		String stdin = body(trace, request.body(), arguments, notes, scrubbed);
		if (!scrubbed.variables().isEmpty()) {
			command.append("# Values scrubbed when it was recorded: set these variables first\n");
			scrubbed.variables()
				.forEach((variable, where) -> command.append("#   ").append(variable).append("='...'   # ")
					.append(ShellText.comment(where)).append('\n'));
			command.append("# (URL-encode values that go into the URL or a form)\n");
		}
		notes.forEach((note) -> command.append("# ").append(ShellText.comment(note)).append('\n'));
		if (stdin != null) {
			command.append(stdin).append(" | ");
		}
		command.append("curl");
		for (String argument : arguments) {
			command.append(" \\\n  ").append(argument);
		}
		return command.append('\n').toString();
	}

	/** A method curl is given as it is: letters only, as every registered HTTP method. */
	static boolean isPlainMethod(String method) {
		return !method.isEmpty() && method.length() <= 32
				&& method.chars().allMatch((c) -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'));
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
				String name = String.valueOf(body.attachment());
				notes.add("  curl -o " + ShellText.literal(name) + " " + ShellText.literal(this.endpointUrl.get() + "/"
						+ trace.id() + "/attachments/" + name));
				arguments.add("--data-binary " + ShellText.literal("@" + name));
			}
			case OMITTED -> notes.add("The body (" + body.size()
					+ " bytes, binary or compressed) was not recorded: this command sends none");
		}
		return null;
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
	 * Quotes text for the shell: literal parts as {@link ShellText#literal}, scrubbed values as
	 * double-quoted variables.
	 * @param text the text
	 * @param scrubbed the variables of this request
	 * @param owner the header that holds the whole text, or {@code null} to name each value
	 * after the field before it
	 * @param where what kind of place a value came from, for the comment
	 */
	static String quote(String text, ScrubbedValues scrubbed, @Nullable String owner, String where) {
		if (!ScrubbedValues.contains(text)) {
			return ShellText.literal(text);
		}
		StringBuilder quoted = new StringBuilder();
		ScrubbedValues.split(text, (literal) -> quoted.append(ShellText.literal(literal)), (name, encoded) -> {
			String holder = (owner != null) ? owner : name;
			String description = (owner != null) ? where : (name != null) ? where + " " + name : where;
			quoted.append("\"${").append(scrubbed.variable(holder, description)).append("}\"");
		});
		return quoted.toString();
	}

}
