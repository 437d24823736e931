package io.chronotrace.core.trace;

/**
 * Thrown when text that should be a trace id is not a canonical UUID. The message quotes at
 * most the first 64 characters of the rejected text.
 */
public class InvalidTraceIdException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	public InvalidTraceIdException(String rejected) {
		super("Invalid trace id " + quote(rejected)
				+ ": a trace id is a UUID such as 0192f5e4-6a1b-7cde-8f01-23456789abcd");
	}

	private static String quote(String rejected) {
		if (rejected == null) {
			return "null";
		}
		String shown = rejected.length() > 64 ? rejected.substring(0, 64) + "..." : rejected;
		return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
	}

}
