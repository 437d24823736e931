package io.chronotrace.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.server.PathContainer;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PatternParseException;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Ant-style path patterns compiled once, since every request is matched against all of them:
 * {@code /**}{@code /*.css} becomes a suffix check, what {@link PathPatternParser} accepts a
 * precompiled {@link PathPattern}, and anything else (such as {@code /api/**}{@code /orders})
 * falls back to {@link AntPathMatcher}, whose semantics the property documents.
 */
final class PathPatterns {

	private static final Pattern ANY_FILE_WITH_EXTENSION = Pattern.compile("/\\*\\*/\\*(\\.[A-Za-z0-9]+)");

	private static final AntPathMatcher ANT = new AntPathMatcher();

	private final List<String> suffixes = new ArrayList<>();

	private final List<PathPattern> compiled = new ArrayList<>();

	/**
	 * What a path starts with if a compiled pattern can match it: the pattern up to its first
	 * wildcard or variable. Parsing a path for the matcher costs more than deciding from these
	 * that none can match, which is the answer for nearly every request.
	 */
	private final List<String> literalPrefixes = new ArrayList<>();

	private final List<Predicate<String>> others = new ArrayList<>();

	private final List<String> patterns;

	PathPatterns(List<String> patterns) {
		this.patterns = List.copyOf(patterns);
		for (String pattern : patterns) {
			Matcher extension = ANY_FILE_WITH_EXTENSION.matcher(pattern);
			if (extension.matches()) {
				this.suffixes.add(extension.group(1).toLowerCase(Locale.ROOT));
				continue;
			}
			try {
				this.compiled.add(PathPatternParser.defaultInstance.parse(pattern));
				this.literalPrefixes.add(literalPrefix(pattern));
			}
			catch (PatternParseException ex) {
				this.others.add((path) -> ANT.match(pattern, path));
			}
		}
	}

	boolean isEmpty() {
		return this.patterns.isEmpty();
	}

	boolean matches(String path) {
		if (!this.suffixes.isEmpty()) {
			// a suffix has one dot, its first character: only a path whose last dot leaves as many
			// characters can end with it, and most paths have none (compared in place: a
			// lower-cased copy of every request's path cost more than the comparison)
			int extension = path.length() - path.lastIndexOf('.');
			for (String suffix : this.suffixes) {
				if (suffix.length() == extension && path.regionMatches(true, path.length() - extension, suffix, 0, extension)) {
					return true;
				}
			}
		}
		if (!this.compiled.isEmpty() && mayMatchCompiled(path)) {
			PathContainer container = PathContainer.parsePath(path);
			for (PathPattern pattern : this.compiled) {
				if (pattern.matches(container)) {
					return true;
				}
			}
		}
		for (Predicate<String> other : this.others) {
			if (other.test(path)) {
				return true;
			}
		}
		return false;
	}

	private boolean mayMatchCompiled(String path) {
		if (path.indexOf('%') >= 0 || path.indexOf(';') >= 0) {
			// the matcher decodes and drops path parameters: compare what it compares
			return true;
		}
		for (String prefix : this.literalPrefixes) {
			if (path.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	private static String literalPrefix(String pattern) {
		if (!pattern.startsWith("/")) {
			return ""; // the parser adds the leading slash: leave such patterns to it
		}
		for (int i = 0; i < pattern.length(); i++) {
			char c = pattern.charAt(i);
			if (c == '*' || c == '?' || c == '{' || c == '\\') {
				// without the separator before it: "/actuator/**" also matches "/actuator"
				String literal = pattern.substring(0, i);
				return literal.endsWith("/") ? literal.substring(0, literal.length() - 1) : literal;
			}
		}
		return pattern;
	}

	@Override
	public String toString() {
		return this.patterns.toString();
	}

}
