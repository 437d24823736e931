package io.chronotrace.core.support;

/**
 * How a failure is described in logs, health details and recorded events: the exception's
 * simple class name and its message, such as {@code AccessDeniedException: /srv/traces}.
 */
public final class Failures {

	private Failures() {
	}

	/**
	 * The simple class name and message of a failure.
	 * @param failure the failure
	 * @return the description; the class name alone when there is no message
	 */
	public static String describe(Throwable failure) {
		String message = failure.getMessage();
		return failure.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

	/**
	 * {@link #describe(Throwable)} on one line, for a log line or a health detail.
	 * @param failure the failure
	 * @return the description, line breaks replaced by spaces
	 */
	public static String oneLine(Throwable failure) {
		return describe(failure).replaceAll("[\\r\\n]+", " ");
	}

}
