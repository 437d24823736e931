package io.chronotrace.actuate.endpoint;

import io.chronotrace.core.trace.Trace;
import org.jspecify.annotations.Nullable;

/**
 * The text exports of a trace: a curl command and a JUnit test.
 */
public final class TraceExports {

	private final CurlCommand curl;

	private final JUnitTestSource test;

	/**
	 * Creates the exports.
	 * @param curl the curl command writer
	 * @param test the JUnit test writer
	 */
	public TraceExports(CurlCommand curl, JUnitTestSource test) {
		this.curl = curl;
		this.test = test;
	}

	static boolean isExport(String name) {
		return "curl".equals(name) || "test".equals(name);
	}

	/**
	 * Writes an export.
	 * @param name {@code curl} or {@code test}
	 * @param trace the trace
	 * @param base the base URL for curl, or {@code null} for this application
	 * @return the text
	 * @throws IllegalArgumentException when the base URL is not an http(s) URL
	 */
	String export(String name, Trace trace, @Nullable String base) {
		return export(name, trace, base, false);
	}

	/**
	 * Writes an export.
	 * @param name {@code curl} or {@code test}
	 * @param trace the trace
	 * @param base the base URL for curl, or {@code null} for this application
	 * @param isolated for {@code test}: whether the test answers the request's SQL and outbound
	 * calls from the recording, embedded in it
	 * @return the text
	 * @throws IllegalArgumentException when the base URL is not an http(s) URL
	 */
	String export(String name, Trace trace, @Nullable String base, boolean isolated) {
		return "curl".equals(name) ? this.curl.write(trace, base) : this.test.write(trace, isolated);
	}

}
