package io.chronotrace.core.scrub;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What is scrubbed: the keys whose values are secrets ({@code chronotrace.scrub}) and the value
 * patterns found in any text ({@code chronotrace.scrub-patterns}). Both become
 * {@value #MARKER}.
 * <p>
 * Keys are matched as whole words of a name, whatever its case and separators (see
 * {@link #isSecretName(String)}). Patterns are RE2 regular expressions, which run in linear
 * time; {@value #EMAIL} and {@value #CARD_NUMBER} name the built-in scanners for e-mail
 * addresses and Luhn-checked payment card numbers, which are the default. Immutable and
 * thread-safe.
 */
public final class ScrubRules {

	/** What replaces a scrubbed value. */
	public static final String MARKER = "[SCRUBBED]";

	/** The default keys. */
	public static final List<String> DEFAULT_KEYS = List.of("password", "token", "secret", "key", "authorization",
			"cookie", "session", "credit_card", "ssn", "email", "phone");

	/** The built-in e-mail address pattern. */
	public static final String EMAIL = "builtin:email";

	/** The built-in payment card number pattern (13 to 19 digits, Luhn-checked). */
	public static final String CARD_NUMBER = "builtin:card-number";

	/** The default patterns: e-mail addresses and card numbers. */
	public static final List<String> DEFAULT_PATTERNS = List.of(EMAIL, CARD_NUMBER);

	/** Names longer than this are judged without being cached. */
	private static final int MAX_CACHED_NAME = 128;

	private static final ScrubRules DEFAULTS = of(DEFAULT_KEYS, DEFAULT_PATTERNS);

	private final List<String> keys;

	private final List<String> patterns;

	private final NameMatcher names;

	private final BoundedCache<String, Name> cachedNames = new BoundedCache<>(4096);

	private final TextMatcher valueMatcher;

	private final TextMatcher textMatcher;

	private final @Nullable AsciiMatcher asciiPatterns;

	private final @Nullable TextMatcher userPatterns;

	private final JsonKeys jsonKeys;

	private ScrubRules(List<String> keys, List<String> patterns) {
		this.keys = keys;
		this.patterns = patterns;
		this.names = new NameMatcher(keys);
		List<AsciiMatcher> builtIns = new ArrayList<>(2);
		List<TextMatcher> compiled = new ArrayList<>(patterns.size() + 1);
		for (String pattern : patterns) {
			if (EMAIL.equals(pattern)) {
				builtIns.add(new EmailMatcher());
			}
			else if (CARD_NUMBER.equals(pattern)) {
				builtIns.add(new CardNumberMatcher());
			}
			else {
				compiled.add(RegexMatcher.compile(pattern));
			}
		}
		this.asciiPatterns = builtIns.isEmpty() ? null : AsciiMatcher.all(builtIns.toArray(new AsciiMatcher[0]));
		this.userPatterns = compiled.isEmpty() ? null : all(compiled);
		if (this.asciiPatterns != null) {
			compiled.add(0, this.asciiPatterns);
		}
		this.valueMatcher = all(compiled);
		compiled.add(new KeyValueMatcher(this::isSecretName));
		this.textMatcher = all(compiled);
		this.jsonKeys = new JsonKeys(this::isSecretName, keys.isEmpty());
	}

	private static TextMatcher all(List<TextMatcher> matchers) {
		TextMatcher[] all = matchers.toArray(new TextMatcher[0]);
		return (text, from, to, ranges) -> {
			for (TextMatcher matcher : all) {
				matcher.find(text, from, to, ranges);
			}
		};
	}

	/**
	 * The default rules: {@link #DEFAULT_KEYS} and {@link #DEFAULT_PATTERNS}.
	 * @return the rules
	 */
	public static ScrubRules defaults() {
		return DEFAULTS;
	}

	/**
	 * Rules from configuration.
	 * @param keys the keys ({@code chronotrace.scrub})
	 * @param patterns the value patterns ({@code chronotrace.scrub-patterns}); {@code null} for
	 * {@link #DEFAULT_PATTERNS}
	 * @return the rules
	 * @throws IllegalArgumentException naming the key or pattern that is invalid
	 */
	public static ScrubRules of(Collection<String> keys, @Nullable Collection<String> patterns) {
		return new ScrubRules(List.copyOf(keys), List.copyOf((patterns != null) ? patterns : DEFAULT_PATTERNS));
	}

	/**
	 * The keys.
	 * @return the keys
	 */
	public List<String> keys() {
		return this.keys;
	}

	/**
	 * The value patterns.
	 * @return the patterns
	 */
	public List<String> patterns() {
		return this.patterns;
	}

	/**
	 * Whether a name holds a secret: whether the words of a key appear as consecutive whole
	 * words of the name, whatever their case. Names are split at separators, case changes and
	 * between letters and digits: {@code key} matches {@code api_key}, {@code apiKey} and
	 * {@code X-Api-Key} but not {@code monkey} or {@code keyboard}. A few glued names are
	 * known: {@code session} matches {@code JSESSIONID}.
	 * @param name a header, parameter, field, key or column name
	 * @return whether its value is to be scrubbed
	 */
	public boolean isSecretName(String name) {
		return name(name).secret();
	}

	/**
	 * What to do with a name, cached since the same names recur (headers, JSON properties).
	 * @param name the name
	 * @return whether its value is secret, and the name scrubbed with the value patterns
	 */
	Name name(String name) {
		return (name.length() > MAX_CACHED_NAME) ? judge(name) : this.cachedNames.get(name, this::judge);
	}

	private Name judge(String name) {
		return new Name(this.names.matches(name), scrubValue(name));
	}

	/**
	 * Scrubs a value (a parameter, a field, a bind value, SQL) with the value patterns.
	 * @param value the value
	 * @return the value with every match replaced by the marker; the same instance when
	 * nothing matched
	 */
	public String scrubValue(String value) {
		return mayMatch(value, false) ? scrub(value, this.valueMatcher) : value;
	}

	/**
	 * Scrubs free text (a log message, an exception message, a header value) with the value
	 * patterns and, in addition, masks the values of secrets written as {@code name=value} or
	 * {@code name: value} with a matching name.
	 * @param text the text
	 * @return the scrubbed text; the same instance when nothing matched
	 */
	public String scrubText(String text) {
		return mayMatch(text, true) ? scrub(text, this.textMatcher) : text;
	}

	/**
	 * Whether a text could hold a match, from one pass that counts what the built-in patterns
	 * need ({@code @}; digits, written together or in groups) and looks for a {@code name=value}
	 * separator: most header values, ids and URLs hold none, and are then not copied or searched.
	 */
	private boolean mayMatch(String text, boolean keyValues) {
		if (this.userPatterns != null) {
			return true;
		}
		int ats = 0;
		// the digits of the longest stretch of digits, spaces and dashes: a card number is one
		// such stretch, an id such as a UUID (digits between hex letters) is not
		int runDigits = 0;
		int mostRunDigits = 0;
		boolean separator = false;
		for (int i = 0, length = text.length(); i < length; i++) {
			char c = text.charAt(i);
			if (c >= '0' && c <= '9') {
				mostRunDigits = Math.max(mostRunDigits, ++runDigits);
				continue;
			}
			if (c != ' ' && c != '-') {
				runDigits = 0;
			}
			if (c == '@') {
				ats++;
			}
			else if (c == '=' || c == ':') {
				separator = true;
			}
		}
		return (keyValues && separator)
				|| (this.asciiPatterns != null && this.asciiPatterns.mayMatch(ats, mostRunDigits));
	}

	private static String scrub(String text, TextMatcher matcher) {
		if (text.isEmpty()) {
			return text;
		}
		char[] chars = text.toCharArray();
		MatchRanges ranges = new MatchRanges();
		matcher.find(chars, 0, chars.length, ranges);
		return ranges.isEmpty() ? text : ranges.replace(chars, 0, chars.length);
	}

	/** The value patterns, for values (JSON strings, form values, SQL). */
	TextMatcher valueMatcher() {
		return this.valueMatcher;
	}

	/** The built-in value patterns, which run on UTF-8 bytes; {@code null} when none is configured. */
	@Nullable AsciiMatcher asciiPatterns() {
		return this.asciiPatterns;
	}

	/** The value patterns that need decoded text (regular expressions); {@code null} when none is configured. */
	@Nullable TextMatcher userPatterns() {
		return this.userPatterns;
	}

	/** Whether JSON property names are secret, judged on their bytes. */
	JsonKeys jsonKeys() {
		return this.jsonKeys;
	}

	/** The value patterns and {@code name=value} secrets, for free text. */
	TextMatcher textMatcher() {
		return this.textMatcher;
	}

	/**
	 * What to do with a name.
	 *
	 * @param secret whether its value is to be scrubbed
	 * @param scrubbed the name itself scrubbed with the value patterns (an e-mail address used
	 * as a key); the same instance when nothing matched
	 */
	record Name(boolean secret, String scrubbed) {
	}

	@Override
	public String toString() {
		return "ScrubRules[keys=" + this.keys + ", patterns=" + this.patterns + "]";
	}

}
