package io.chronotrace.core.scrub;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * Finds the matches of a configured pattern with RE2/J, which runs in time linear in the text
 * (no backtracking), so no pattern can stall a request on a hostile body.
 */
final class RegexMatcher implements TextMatcher {

	private final Pattern pattern;

	private RegexMatcher(Pattern pattern) {
		this.pattern = pattern;
	}

	/**
	 * Compiles a pattern.
	 * @param regex the pattern, in RE2 syntax
	 * @return the matcher
	 * @throws IllegalArgumentException when the pattern is invalid, uses what RE2 does not
	 * support (back-references, look-around), or matches the empty text
	 */
	static RegexMatcher compile(String regex) {
		Pattern pattern;
		try {
			pattern = Pattern.compile(regex);
		}
		catch (PatternSyntaxException ex) {
			throw new IllegalArgumentException("Invalid scrub pattern '" + regex + "' (chronotrace.scrub-patterns): "
					+ ex.getDescription() + "; patterns use RE2 syntax, without back-references or look-around", ex);
		}
		if (pattern.matcher("").find()) {
			throw new IllegalArgumentException("Invalid scrub pattern '" + regex
					+ "' (chronotrace.scrub-patterns): it matches the empty text, so it would scrub nothing useful");
		}
		return new RegexMatcher(pattern);
	}

	@Override
	public void find(char[] text, int from, int to, MatchRanges ranges) {
		// a String, not a CharBuffer: RE2/J searches a String's literal prefixes with String.indexOf
		Matcher matcher = this.pattern.matcher(new String(text, from, to - from));
		while (matcher.find()) {
			ranges.add(from + matcher.start(), from + matcher.end());
		}
	}

	@Override
	public String toString() {
		return this.pattern.pattern();
	}

}
