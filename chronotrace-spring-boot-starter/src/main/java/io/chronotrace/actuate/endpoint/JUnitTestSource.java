package io.chronotrace.actuate.endpoint;

import io.chronotrace.core.trace.Trace;

/**
 * Writes the Java source of a JUnit 5 test that repeats a recorded request against the
 * application and checks the answer.
 */
public final class JUnitTestSource {

	/**
	 * Writes the test.
	 * @param trace the recorded trace
	 * @return the Java source
	 */
	public String write(Trace trace) {
		throw new UnsupportedOperationException("not yet");
	}

}
