package io.chronotrace.core.scrub;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tells whether a name (header, parameter, form field, JSON key, column, MDC key) holds a
 * secret: whether the words of a configured key appear as consecutive whole words of the name,
 * whatever their case or separators.
 * <p>
 * A name is split into words at separators (anything but a letter or digit), at case changes
 * ({@code apiKey}, {@code XMLToken} gives {@code xml token}) and between letters and digits
 * ({@code oauth2Token}). So {@code key} matches {@code key}, {@code api_key}, {@code apiKey},
 * {@code X-Api-Key} and {@code KEY}, but not {@code monkey}, {@code keyboard} or
 * {@code turkey}; {@code credit_card} matches {@code creditCardNumber}.
 * <p>
 * Some well-known names glue their words in lower or upper case only; they are split as their
 * meaning says ({@link #COMPOUNDS}), so {@code session} matches the {@code JSESSIONID} and
 * {@code PHPSESSID} cookies and {@code token} matches Django's {@code csrftoken}.
 */
final class NameMatcher {

	/** Glued words known to hold a secret, and the words they stand for. */
	static final Map<String, List<String>> COMPOUNDS = Map.ofEntries(
			Map.entry("jsessionid", List.of("j", "session", "id")),
			Map.entry("phpsessid", List.of("php", "session", "id")),
			Map.entry("aspsessionid", List.of("asp", "session", "id")),
			Map.entry("sessionid", List.of("session", "id")), Map.entry("sessid", List.of("session", "id")),
			Map.entry("apikey", List.of("api", "key")), Map.entry("accesstoken", List.of("access", "token")),
			Map.entry("refreshtoken", List.of("refresh", "token")), Map.entry("authtoken", List.of("auth", "token")),
			Map.entry("csrftoken", List.of("csrf", "token")), Map.entry("xsrftoken", List.of("xsrf", "token")),
			Map.entry("secretkey", List.of("secret", "key")), Map.entry("privatekey", List.of("private", "key")));

	private final List<List<String>> keys;

	/**
	 * Creates a matcher.
	 * @param keys the configured keys
	 * @throws IllegalArgumentException when a key has no letter or digit
	 */
	NameMatcher(Collection<String> keys) {
		List<List<String>> split = new ArrayList<>(keys.size());
		for (String key : keys) {
			List<String> words = words(key);
			if (words.isEmpty()) {
				throw new IllegalArgumentException(
						"Invalid scrub key '" + key + "' (chronotrace.scrub): it has no letter or digit");
			}
			split.add(words);
		}
		this.keys = List.copyOf(split);
	}

	/**
	 * Whether the name holds a secret.
	 * @param name the name
	 * @return whether a configured key matches it
	 */
	boolean matches(String name) {
		if (this.keys.isEmpty()) {
			return false;
		}
		List<String> words = words(name);
		for (List<String> key : this.keys) {
			if (containsRun(words, key)) {
				return true;
			}
		}
		return false;
	}

	private static boolean containsRun(List<String> words, List<String> run) {
		for (int i = 0, last = words.size() - run.size(); i <= last; i++) {
			if (words.subList(i, i + run.size()).equals(run)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Splits a name into lower-case words.
	 * @param name the name
	 * @return its words
	 */
	static List<String> words(String name) {
		List<String> words = new ArrayList<>(4);
		int start = -1;
		for (int i = 0, n = name.length(); i < n; i++) {
			char c = name.charAt(i);
			if (!Character.isLetterOrDigit(c)) {
				if (start >= 0) {
					addWord(name.substring(start, i), words);
					start = -1;
				}
			}
			else if (start < 0) {
				start = i;
			}
			else if (isWordStart(name, i)) {
				addWord(name.substring(start, i), words);
				start = i;
			}
		}
		if (start >= 0) {
			addWord(name.substring(start), words);
		}
		return words;
	}

	private static boolean isWordStart(String name, int i) {
		char previous = name.charAt(i - 1);
		char c = name.charAt(i);
		if (Character.isDigit(previous) != Character.isDigit(c)) {
			return true;
		}
		if (!Character.isUpperCase(c)) {
			return false;
		}
		// fooBar, or the "T" of XMLToken
		return Character.isLowerCase(previous) || (Character.isUpperCase(previous) && i + 1 < name.length()
				&& Character.isLowerCase(name.charAt(i + 1)));
	}

	private static void addWord(String word, List<String> words) {
		String lower = word.toLowerCase(Locale.ROOT);
		List<String> parts = COMPOUNDS.get(lower);
		if (parts != null) {
			words.addAll(parts);
		}
		else {
			words.add(lower);
		}
	}

}
