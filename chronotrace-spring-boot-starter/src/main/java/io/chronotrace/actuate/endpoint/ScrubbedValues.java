package io.chronotrace.actuate.endpoint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import io.chronotrace.core.scrub.ScrubRules;
import org.jspecify.annotations.Nullable;

/**
 * Finds the values that were scrubbed when a request was recorded ({@code [SCRUBBED]}) and
 * names them after what held them: the header, the query parameter or form field
 * ({@code name=[SCRUBBED]}) or the JSON field ({@code "name":"[SCRUBBED]"}), so that an export
 * can ask for a value by name instead of sending the marker. One instance names the values of
 * one request: the same name always gives the same variable. Replay uses the same rules to
 * find the values {@code chronotrace.replay.substitutes} stand in for.
 */
public final class ScrubbedValues {

	/** What scrubbing left in place of a value. */
	public static final String MARKER = ScrubRules.MARKER;

	private static final String ENCODED_MARKER = "%5BSCRUBBED%5D";

	/** Variables every shell sets: a scrubbed field must not silently take their value. */
	private static final Set<String> RESERVED = Set.of("HOME", "PATH", "USER", "SHELL", "PWD", "OLDPWD", "TERM", "LANG",
			"HOSTNAME", "LOGNAME", "MAIL", "IFS", "PS1", "PS2", "UID", "EUID", "RANDOM", "SECONDS", "LINENO");

	private final Map<String, String> variables = new LinkedHashMap<>();

	private int unnamed;

	/**
	 * Whether text holds a scrubbed value, plain or URL-encoded.
	 * @param text the text
	 * @return whether it holds the marker
	 */
	public static boolean contains(@Nullable String text) {
		return text != null && (text.contains(MARKER) || text.contains(ENCODED_MARKER));
	}

	/**
	 * The shell variable that stands for a scrubbed value.
	 * @param name the header, parameter or field name, or {@code null} when unknown
	 * @param where where the value was, for the person who fills it in
	 * @return the variable name, such as {@code AUTHORIZATION}
	 */
	public String variable(@Nullable String name, String where) {
		String variable = (name != null) ? variableName(name) : null;
		if (variable == null) {
			variable = "SCRUBBED_" + (++this.unnamed);
		}
		this.variables.putIfAbsent(variable, where);
		return variable;
	}

	/**
	 * The variables handed out so far, each with where its value goes.
	 * @return variable name to description, in the order they were handed out
	 */
	public Map<String, String> variables() {
		return Collections.unmodifiableMap(this.variables);
	}

	/**
	 * Splits text at each marker, asking what to put in its place.
	 * @param text the text
	 * @param replacement called with the name that held each marker (or {@code null}) and
	 * whether the marker was URL-encoded; returns the replacement
	 * @return the text with the markers replaced
	 */
	public static String replace(String text, BiFunction<@Nullable String, Boolean, String> replacement) {
		StringBuilder result = new StringBuilder(text.length());
		split(text, result::append, (name, encoded) -> result.append(replacement.apply(name, encoded)));
		return result.toString();
	}

	/**
	 * Walks text in order: the literal parts between markers, and each marker with the name
	 * that held it. Nothing in the text itself can be taken for a marker's place.
	 * @param text the text
	 * @param literal called with each non-empty literal part
	 * @param marker called with the name that held each marker (or {@code null}) and whether
	 * the marker was URL-encoded
	 */
	public static void split(String text, Consumer<String> literal, BiConsumer<@Nullable String, Boolean> marker) {
		int from = 0;
		while (true) {
			int plain = text.indexOf(MARKER, from);
			int encoded = text.indexOf(ENCODED_MARKER, from);
			int at = (plain < 0) ? encoded : (encoded < 0) ? plain : Math.min(plain, encoded);
			if (at < 0) {
				break;
			}
			boolean isEncoded = at == encoded;
			if (at > from) {
				literal.accept(text.substring(from, at));
			}
			marker.accept(nameBefore(text, at), isEncoded);
			from = at + (isEncoded ? ENCODED_MARKER.length() : MARKER.length());
		}
		if (from < text.length()) {
			literal.accept(text.substring(from));
		}
	}

	/**
	 * The name that holds a value starting at {@code at}: a form or query name before
	 * {@code =}, or a JSON field name before {@code :"}.
	 */
	public static @Nullable String nameBefore(String text, int at) {
		int i = at - 1;
		if (i >= 0 && text.charAt(i) == '=') {
			int start = i;
			while (start > 0 && "&?;\n".indexOf(text.charAt(start - 1)) < 0) {
				start--;
			}
			return (start < i) ? text.substring(start, i) : null;
		}
		if (i >= 0 && text.charAt(i) == '"') {
			i--;
			while (i >= 0 && Character.isWhitespace(text.charAt(i))) {
				i--;
			}
			if (i < 0 || text.charAt(i) != ':') {
				return null;
			}
			i--;
			while (i >= 0 && Character.isWhitespace(text.charAt(i))) {
				i--;
			}
			if (i < 0 || text.charAt(i) != '"') {
				return null;
			}
			int end = i;
			int start = text.lastIndexOf('"', end - 1);
			return (start >= 0 && start < end - 1) ? text.substring(start + 1, end) : null;
		}
		return null;
	}

	private static @Nullable String variableName(String name) {
		StringBuilder variable = new StringBuilder(name.length());
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
				// customerEmail becomes CUSTOMER_EMAIL
				if (c >= 'A' && c <= 'Z' && i > 0 && Character.isLowerCase(name.charAt(i - 1))) {
					variable.append('_');
				}
				variable.append(Character.toUpperCase(c));
			}
			else if (variable.length() > 0 && variable.charAt(variable.length() - 1) != '_') {
				variable.append('_');
			}
		}
		while (variable.length() > 0 && variable.charAt(variable.length() - 1) == '_') {
			variable.setLength(variable.length() - 1);
		}
		if (variable.length() == 0) {
			return null;
		}
		if (Character.isDigit(variable.charAt(0))) {
			variable.insert(0, '_');
		}
		String result = variable.toString().toUpperCase(Locale.ROOT);
		return RESERVED.contains(result) ? result + "_VALUE" : result;
	}

}
