package io.chronotrace.core.support;

import org.jspecify.annotations.Nullable;

/**
 * Text cut to a bound, so that a huge bind value, cache key or log message cannot make a trace
 * large.
 */
public final class BoundedText {

	private static final String ELLIPSIS = "...";

	private BoundedText() {
	}

	/**
	 * The text of a value, cut to at most {@code maxLength} characters (an ellipsis marks the
	 * cut).
	 * @param value the value; {@code null} gives {@code "null"}, a {@code toString()} that
	 * fails gives the value's type
	 * @param maxLength the bound, at least 3
	 * @return the text
	 */
	public static String of(@Nullable Object value, int maxLength) {
		String text;
		try {
			text = String.valueOf(value);
		}
		catch (RuntimeException ex) {
			text = "<" + value.getClass().getName() + ">";
		}
		if (text.length() <= maxLength) {
			return text;
		}
		int kept = Math.max(0, maxLength - ELLIPSIS.length());
		return text.substring(0, kept) + ELLIPSIS;
	}

	/**
	 * Text that came from outside, fit to be quoted in a message or a log line: cut as
	 * {@link #of}, with every control character (line breaks included) shown as {@code ?}, so
	 * that it cannot forge a line of its own.
	 * @param text the text
	 * @param maxLength the bound, at least 3
	 * @return the text to show
	 */
	public static String shown(@Nullable String text, int maxLength) {
		return of(text, maxLength).replaceAll("\\p{Cntrl}", "?");
	}

}
