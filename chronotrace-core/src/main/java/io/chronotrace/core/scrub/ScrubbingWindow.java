package io.chronotrace.core.scrub;

import java.io.IOException;
import java.util.Arrays;

/**
 * Scrubs a stream of characters in bounded memory: characters are kept until a chunk is full,
 * scanned, and written scrubbed except for the last {@link #OVERLAP} characters, which are
 * scanned again with what comes next. A match is therefore never missed because it straddles a
 * chunk boundary, as long as it is not longer than {@link #OVERLAP}; a match that reaches into
 * the kept characters is held back whole, with its context (the {@code password=} before a
 * value), and judged again with more text. Only a match that with its context fills a whole
 * window ({@link #CHUNK} characters) is written as it is then.
 */
final class ScrubbingWindow {

	/** Characters scanned at a time, besides the overlap. */
	static final int CHUNK = 16 * 1024;

	/** Characters scanned twice, at the end of one chunk and the start of the next. */
	static final int OVERLAP = 1024;

	private final TextMatcher matcher;

	private final CharSink sink;

	private final MatchRanges ranges = new MatchRanges();

	private char[] buffer = new char[1024];

	private int length;

	ScrubbingWindow(TextMatcher matcher, CharSink sink) {
		this.matcher = matcher;
		this.sink = sink;
	}

	void append(char[] chars, int offset, int count) throws IOException {
		if (this.length + count > this.buffer.length) {
			this.buffer = Arrays.copyOf(this.buffer, Math.max(this.length + count, this.buffer.length * 2));
		}
		System.arraycopy(chars, offset, this.buffer, this.length, count);
		this.length += count;
		if (this.length >= CHUNK + OVERLAP) {
			drain(false);
		}
	}

	/** Scrubs and writes what is left; the window can be used again afterwards. */
	void finish() throws IOException {
		drain(true);
	}

	private void drain(boolean all) throws IOException {
		this.ranges.clear();
		this.matcher.find(this.buffer, 0, this.length, this.ranges);
		int cut = all ? this.length : cut(this.length - OVERLAP);
		this.ranges.replace(this.buffer, 0, cut, this.sink);
		System.arraycopy(this.buffer, cut, this.buffer, 0, this.length - cut);
		this.length -= cut;
	}

	private int cut(int preferred) {
		int cut = this.ranges.safeCut(preferred);
		if (cut == 0) {
			// a match and its context fill the window: it is final
			return this.length;
		}
		if (Character.isHighSurrogate(this.buffer[cut - 1])) {
			cut--;
		}
		return cut;
	}

}
