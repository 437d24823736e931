package io.chronotrace.replay;

/** Thrown when a replay is asked for that the configuration cannot honour; nothing was sent. */
public class ReplayRefusedException extends ReplayException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param message why, and what to change
	 */
	public ReplayRefusedException(String message) {
		super(message, null);
	}

}
