package io.chronotrace.replay;

import java.io.IOException;

/**
 * Thrown at the application when, during an isolated replay, it makes an outbound call that the
 * original trace holds no answer for: the call is not sent to the network.
 */
public class UnrecordedCallException extends IOException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param method the method of the call
	 * @param url the URL of the call
	 */
	public UnrecordedCallException(String method, String url) {
		super("Isolated replay: no recorded answer for " + method + " " + url
				+ " in the original trace; the call was not sent");
	}

}
