package io.chronotrace.actuate.endpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;

/**
 * The trace browser: the single page in the starter's jar
 * ({@code io/chronotrace/actuate/endpoint/ui/index.html}), with its placeholders filled in:
 * {@code __CHRONOTRACE_BASE__} by the endpoint's URL path and {@code __CHRONOTRACE_ACCESS__}
 * by the endpoint's access ({@code READ_ONLY} or {@code UNRESTRICTED}), so that the page shows
 * write buttons only when they would work.
 */
public final class TraceBrowserPage {

	/** Where the page is on the class path. */
	public static final String RESOURCE = "io/chronotrace/actuate/endpoint/ui/index.html";

	private final Supplier<String> basePath;

	private final Supplier<Access> access;

	private static volatile @Nullable String policy;

	private volatile String template;

	/**
	 * Creates the page.
	 * @param basePath the URL path of the endpoint as the browser reaches it, such as
	 * {@code /actuator/chronotrace}
	 * @param access the endpoint's resolved access
	 */
	public TraceBrowserPage(Supplier<String> basePath, Supplier<Access> access) {
		this.basePath = basePath;
		this.access = access;
	}

	/**
	 * The page, ready to serve.
	 * @return the HTML
	 */
	public String render() {
		Access access = this.access.get();
		String shown = (access == Access.UNRESTRICTED) ? "UNRESTRICTED" : "READ_ONLY";
		return template().replace("__CHRONOTRACE_BASE__", safePath(this.basePath.get()))
			.replace("__CHRONOTRACE_ACCESS__", shown);
	}

	/**
	 * The {@code Content-Security-Policy} the page is served with, and every answer of the
	 * endpoint: nothing runs but the page's own script and style (allowed by their SHA-256
	 * hashes), it talks only to its own origin, loads nothing, and no other site may frame it.
	 * @return the policy
	 */
	public static String contentSecurityPolicy() {
		String computed = policy;
		if (computed == null) {
			String page = load();
			computed = "default-src 'none'; script-src " + hashOf(page, "script") + "; style-src " + hashOf(page, "style")
					+ "; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
			policy = computed;
		}
		return computed;
	}

	/** The CSP source of the one inline element of a kind: {@code 'sha256-...'} of its text. */
	private static String hashOf(String page, String element) {
		String open = "<" + element + ">";
		int start = page.indexOf(open);
		int end = page.indexOf("</" + element + ">", start);
		if (start < 0 || end < 0 || page.indexOf(open, end) >= 0) {
			throw new IllegalStateException("The trace browser page " + RESOURCE + " must have exactly one <" + element
					+ "> element");
		}
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(page.substring(start + open.length(), end).getBytes(StandardCharsets.UTF_8));
			return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

	/**
	 * The path with every character that could end an HTML attribute or a script string
	 * percent-encoded, as a URL allows: the page may use it in either place.
	 */
	static String safePath(String path) {
		StringBuilder safe = new StringBuilder(path.length());
		for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xFF;
			boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
					|| "/-._~%!$()*+,;=:@".indexOf(c) >= 0;
			if (plain) {
				safe.append((char) c);
			}
			else {
				safe.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
					.append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
			}
		}
		return safe.toString();
	}

	private String template() {
		String template = this.template;
		if (template == null) {
			template = load();
			this.template = template;
		}
		return template;
	}

	private static String load() {
		try (InputStream in = TraceBrowserPage.class.getClassLoader().getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException("The trace browser page " + RESOURCE + " is missing from the class path");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the trace browser page " + RESOURCE, ex);
		}
	}

}
