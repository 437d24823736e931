package io.chronotrace.core.scrub;

import java.io.IOException;
import java.util.Arrays;

/**
 * The ranges of a text that matchers found, sorted and merged before they are replaced by the
 * marker. A range may depend on text before it (the {@code password=} of a value): that
 * context is kept as an anchor, so that text streamed in chunks is never cut between a match and
 * its context. Reused across texts by one scrubbing pass; not thread-safe.
 */
final class MatchRanges {

	private long[] ranges = new long[8];

	private int size;

	private boolean merged = true;

	/** Matches whose context starts before them, as (anchor, end) pairs. */
	private long[] anchored = new long[4];

	private int anchoredSize;

	/**
	 * Adds a range found on the strength of the text from {@code anchor} on.
	 * @param anchor where the context of the match starts
	 * @param start the start of the range to replace
	 * @param end the end of the range to replace
	 */
	void add(int anchor, int start, int end) {
		if (end <= start) {
			return;
		}
		if (anchor < start) {
			if (this.anchoredSize == this.anchored.length) {
				this.anchored = Arrays.copyOf(this.anchored, this.anchoredSize * 2);
			}
			this.anchored[this.anchoredSize++] = ((long) anchor << 32) | end;
		}
		add(start, end);
	}

	void add(int start, int end) {
		if (end <= start) {
			return;
		}
		if (this.size == this.ranges.length) {
			this.ranges = Arrays.copyOf(this.ranges, this.size * 2);
		}
		this.merged &= (this.size == 0 || start > (int) this.ranges[this.size - 1]);
		this.ranges[this.size++] = ((long) start << 32) | end;
	}

	void clear() {
		this.size = 0;
		this.anchoredSize = 0;
		this.merged = true;
	}

	/**
	 * Where text streamed in chunks may be cut at or before {@code preferred}, so that no match
	 * and no match's context is split.
	 * @param preferred the preferred cut
	 * @return the cut, 0 when every cut would split a match
	 */
	int safeCut(int preferred) {
		int cut = preferred;
		boolean moved = true;
		while (moved && cut > 0) {
			moved = false;
			for (int i = 0, n = size(); i < n; i++) {
				if (start(i) < cut && end(i) > cut) {
					cut = start(i);
					moved = true;
				}
			}
			for (int i = 0; i < this.anchoredSize; i++) {
				int anchor = (int) (this.anchored[i] >>> 32);
				if (anchor < cut && (int) this.anchored[i] > cut) {
					cut = anchor;
					moved = true;
				}
			}
		}
		return cut;
	}

	boolean isEmpty() {
		return this.size == 0;
	}

	/**
	 * The number of ranges, once overlapping ones are merged.
	 * @return the number of ranges
	 */
	int size() {
		merge();
		return this.size;
	}

	int start(int index) {
		merge();
		return (int) (this.ranges[index] >>> 32);
	}

	int end(int index) {
		merge();
		return (int) this.ranges[index];
	}

	/**
	 * Writes {@code text[from, to)} with every range inside it replaced by the marker; ranges
	 * must not straddle {@code to}.
	 */
	void replace(char[] text, int from, int to, CharSink sink) throws IOException {
		int position = from;
		for (int i = 0, n = size(); i < n; i++) {
			int start = start(i);
			if (start >= to) {
				break;
			}
			if (start >= position) {
				sink.write(text, position, start - position);
				sink.write(ScrubRules.MARKER);
				position = end(i);
			}
		}
		sink.write(text, position, to - position);
	}

	String replace(char[] text, int from, int to) {
		StringBuilder result = new StringBuilder(to - from + 16);
		try {
			replace(text, from, to, new CharSink() {

				@Override
				public void write(char[] chars, int offset, int length) {
					result.append(chars, offset, length);
				}

				@Override
				public void write(String string) {
					result.append(string);
				}

			});
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return result.toString();
	}

	private void merge() {
		if (this.merged) {
			return;
		}
		Arrays.sort(this.ranges, 0, this.size);
		int kept = 0;
		for (int i = 0; i < this.size; i++) {
			long range = this.ranges[i];
			if (kept > 0 && (range >>> 32) <= (int) this.ranges[kept - 1]) {
				long last = this.ranges[kept - 1];
				int end = Math.max((int) last, (int) range);
				this.ranges[kept - 1] = (last & 0xFFFFFFFF00000000L) | end;
			}
			else {
				this.ranges[kept++] = range;
			}
		}
		this.size = kept;
		this.merged = true;
	}

}
