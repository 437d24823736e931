package io.chronotrace.core.scrub;

/**
 * Finds what to scrub in a text. Implementations run in time linear in the length of the text,
 * whatever it holds.
 */
interface TextMatcher {

	/**
	 * Adds the ranges of {@code text[from, to)} to scrub.
	 * @param text the text
	 * @param from the first index to look at
	 * @param to the index after the last one to look at
	 * @param ranges where found ranges go, as indexes into {@code text}
	 */
	void find(char[] text, int from, int to, MatchRanges ranges);

}
