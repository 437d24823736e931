package io.chronotrace.replay;

import java.io.IOException;

/**
 * Thrown at the application when, during an isolated replay, it makes an outbound call that
 * failed without a response when it was recorded: the failure is replayed.
 */
public class RecordedCallFailedException extends IOException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param method the method of the call
	 * @param url the URL of the call
	 * @param error the recorded error
	 */
	public RecordedCallFailedException(String method, String url, String error) {
		super("Isolated replay: " + method + " " + url + " failed when it was recorded: " + error);
	}

}
