package io.chronotrace.core.support;

import java.nio.charset.Charset;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Tells textual content types from binary ones, and finds the charset a content type names.
 * Textual bodies are kept as decoded text, binary ones as base64.
 */
public final class ContentTypes {

	private static final List<String> TEXTUAL_APPLICATION_TYPES = List.of("json", "xml", "x-www-form-urlencoded",
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
		// asked for every captured body: read in place, without the strings mimeType would make
		if (contentType == null) {
			return false;
		}
		int end = mimeTypeEnd(contentType);
		int start = mimeTypeStart(contentType, end);
		int slash = contentType.indexOf('/', start);
		if (slash < 0 || slash >= end) {
			return false;
		}
		if (equalsLowerCase(contentType, start, slash, "text") || endsWithLowerCase(contentType, slash + 1, end, "+json")
				|| endsWithLowerCase(contentType, slash + 1, end, "+xml")) {
			return true;
		}
		if (!equalsLowerCase(contentType, start, slash, "application")
				&& !equalsLowerCase(contentType, start, slash, "message")) {
			return false;
		}
		for (String subtype : TEXTUAL_APPLICATION_TYPES) {
			if (equalsLowerCase(contentType, slash + 1, end, subtype)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether a content type is JSON: {@code application/json} or a {@code +json} subtype
	 * such as {@code application/problem+json}.
	 * @param contentType the content type, with or without parameters
	 * @return whether bodies of that type are JSON; {@code false} when there is none
	 */
	public static boolean isJson(@Nullable String contentType) {
		if (contentType == null) {
			return false;
		}
		int end = mimeTypeEnd(contentType);
		int start = mimeTypeStart(contentType, end);
		int slash = contentType.indexOf('/', start);
		return slash > start && slash < end
				&& (endsWithLowerCase(contentType, start, end, "/json") || endsWithLowerCase(contentType, start, end, "+json"));
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

	/** Where the mime type ends: before the parameters and the blanks before them. */
	private static int mimeTypeEnd(String contentType) {
		int semicolon = contentType.indexOf(';');
		int end = (semicolon >= 0) ? semicolon : contentType.length();
		while (end > 0 && contentType.charAt(end - 1) <= ' ') {
			end--;
		}
		return end;
	}

	/** Where the mime type starts: after the blanks, as {@link String#trim()} skips them. */
	private static int mimeTypeStart(String contentType, int end) {
		int start = 0;
		while (start < end && contentType.charAt(start) <= ' ') {
			start++;
		}
		return start;
	}

	/**
	 * Whether a region is a lower-case ASCII word in any case. Only ASCII letters fold, as
	 * {@code toLowerCase(Locale.ROOT)} folds every letter these words can match.
	 */
	private static boolean equalsLowerCase(String text, int from, int to, String lowerCase) {
		if (to - from != lowerCase.length()) {
			return false;
		}
		for (int i = 0; i < lowerCase.length(); i++) {
			char c = text.charAt(from + i);
			if (c >= 'A' && c <= 'Z') {
				c = (char) (c + ('a' - 'A'));
			}
			if (c != lowerCase.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	private static boolean endsWithLowerCase(String text, int from, int to, String lowerCase) {
		return to - from >= lowerCase.length() && equalsLowerCase(text, to - lowerCase.length(), to, lowerCase);
	}

}
