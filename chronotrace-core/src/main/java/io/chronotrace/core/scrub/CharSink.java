package io.chronotrace.core.scrub;

import java.io.IOException;

/** Where scrubbed characters go: an encoder to bytes, a builder, a form encoder. */
interface CharSink {

	void write(char[] chars, int offset, int length) throws IOException;

	default void write(String string) throws IOException {
		write(string.toCharArray(), 0, string.length());
	}

}
