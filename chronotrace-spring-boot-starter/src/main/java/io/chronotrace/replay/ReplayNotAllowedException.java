package io.chronotrace.replay;

/**
 * Thrown when a trace's method is not among those that may be replayed
 * ({@code chronotrace.replay.allowed-methods}): replaying a {@code POST} would order or pay a
 * second time. Nothing was sent.
 */
public class ReplayNotAllowedException extends ReplayRefusedException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param message why, naming the property that allows it
	 */
	public ReplayNotAllowedException(String message) {
		super(message);
	}

}
