package io.chronotrace.core.support;

import java.nio.charset.Charset;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Tells textual content types from binary ones, and finds the charset a content type names.
 * Textual bodies are kept as decoded text, binary ones as base64.
 */
public final class ContentTypes {

	private static final Set<String> TEXTUAL_APPLICATION_TYPES = Set.of("json", "xml", "x-www-form-urlencoded",
			"javascript", "x-javascript", "ecmascript", "graphql", "x-ndjson", "ndjson", "jsonl", "yaml", "x-yaml",
			"csv", "sql", "x-sh", "x-httpd-php", "xhtml");

	private ContentTypes() {
	}

	/**
	 * Whether a content type is text: {@code text/*}, JSON, XML (and their {@code +json} and
	 * {@code +xml} suffixes), form posts, JavaScript, GraphQL, YAML and the like.
	 * @param contentType the content type, with or without parameters
	 * @return whether bodies of that type are text; {@code false} when there is none
	 */
	public static boolean isTextual(@Nullable String contentType) {
		String mimeType = mimeType(contentType);
		int slash = mimeType.indexOf('/');
		if (slash < 0) {
			return false;
		}
		String type = mimeType.substring(0, slash);
		String subtype = mimeType.substring(slash + 1);
		if (type.equals("text") || subtype.endsWith("+json") || subtype.endsWith("+xml")) {
			return true;
		}
		return (type.equals("application") || type.equals("message")) && TEXTUAL_APPLICATION_TYPES.contains(subtype);
	}

	/**
	 * Whether a content type is JSON: {@code application/json} or a {@code +json} subtype
	 * such as {@code application/problem+json}.
	 * @param contentType the content type, with or without parameters
	 * @return whether bodies of that type are JSON; {@code false} when there is none
	 */
	public static boolean isJson(@Nullable String contentType) {
		String mimeType = mimeType(contentType);
		int slash = mimeType.indexOf('/');
		return slash > 0 && (mimeType.endsWith("/json") || mimeType.endsWith("+json"));
	}

	/**
	 * The charset named by a content type's {@code charset} parameter.
	 * @param contentType the content type
	 * @return the charset, or {@code null} when none is named or it is not supported
	 */
	public static @Nullable Charset charset(@Nullable String contentType) {
		if (contentType == null) {
			return null;
		}
		for (String parameter : contentType.split(";")) {
			int equals = parameter.indexOf('=');
			if (equals > 0 && parameter.substring(0, equals).trim().equalsIgnoreCase("charset")) {
				String name = parameter.substring(equals + 1).trim();
				if (name.length() > 1 && name.startsWith("\"") && name.endsWith("\"")) {
					name = name.substring(1, name.length() - 1);
				}
				return charsetNamed(name);
			}
		}
		return null;
	}

	/**
	 * The charset of a name, such as a request's character encoding.
	 * @param name the name
	 * @return the charset, or {@code null} when there is no name or it is not supported
	 */
	public static @Nullable Charset charsetNamed(@Nullable String name) {
		if (name == null) {
			return null;
		}
		try {
			return Charset.forName(name.trim());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * The type and subtype of a content type, lower case, without parameters.
	 * @param contentType the content type
	 * @return the mime type, empty when there is none
	 */
	public static String mimeType(@Nullable String contentType) {
		if (contentType == null) {
			return "";
		}
		int semicolon = contentType.indexOf(';');
		String mimeType = (semicolon >= 0) ? contentType.substring(0, semicolon) : contentType;
		return mimeType.trim().toLowerCase(Locale.ROOT);
	}

}
