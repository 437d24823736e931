package io.chronotrace.web;

import org.jspecify.annotations.Nullable;

import io.chronotrace.core.trace.TracingContext;

/**
 * Reads the W3C Trace Context {@code traceparent} header ({@code version-traceid-parentid-flags})
 * of a request; the span id is the caller's.
 */
public final class Traceparent {

	/** The header's name. */
	public static final String HEADER = "traceparent";

	private Traceparent() {
	}

	/**
	 * Parses a {@code traceparent} header.
	 * @param header the header's value, or {@code null}
	 * @return the context, or {@code null} when the header is absent or malformed
	 */
	public static @Nullable TracingContext parse(@Nullable String header) {
		if (header == null) {
			return null;
		}
		String[] fields = header.trim().split("-");
		if (fields.length < 4 || !isHexId(fields[1], 32) || !isHexId(fields[2], 16)) {
			return null;
		}
		return new TracingContext(fields[1], fields[2]);
	}

	private static boolean isHexId(String value, int length) {
		if (value.length() != length) {
			return false;
		}
		boolean allZero = true;
		for (int i = 0; i < length; i++) {
			char c = value.charAt(i);
			if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
				return false;
			}
			allZero &= c == '0';
		}
		return !allZero;
	}

}
