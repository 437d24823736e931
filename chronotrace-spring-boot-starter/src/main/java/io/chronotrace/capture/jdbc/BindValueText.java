package io.chronotrace.capture.jdbc;

import java.io.InputStream;
import java.io.Reader;
import java.sql.Blob;
import java.sql.Clob;

import org.jspecify.annotations.Nullable;

import io.chronotrace.core.support.BoundedText;

/**
 * The text a bind value is recorded as: at most {@value #MAX_LENGTH} characters; streams and
 * large objects are named, not read; byte arrays are given by their size. An isolated replay
 * compares the values it is sent with the recorded ones through the same text.
 */
public final class BindValueText {

	/** The most characters kept of a bind value. */
	public static final int MAX_LENGTH = 500;

	private BindValueText() {
	}

	/**
	 * The text of a bind value.
	 * @param value the value, as given to a {@code setXxx} method of a prepared statement
	 * @return its text; {@code "null"} for {@code null}
	 */
	public static String of(@Nullable Object value) {
		if (value instanceof byte[] bytes) {
			return "<" + bytes.length + " bytes>";
		}
		if (value instanceof InputStream || value instanceof Reader || value instanceof Blob || value instanceof Clob) {
			return "<" + value.getClass().getSimpleName() + ">";
		}
		return BoundedText.of(value, MAX_LENGTH);
	}

}
