package io.chronotrace.core.scrub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * Scrubs the content of JSON strings with the value patterns, in bounded memory: a string is
 * scanned in windows of {@link #WINDOW} bytes, the last {@link #OVERLAP} bytes of one scanned again
 * at the start of the next, so a match across a window boundary is found as long as it is not
 * longer than the overlap (e-mail addresses are at most 320 characters, card numbers 37; a
 * regular expression's matches should stay under 1 KB). A match that reaches into the overlap is
 * held back whole and judged again with more text.
 * <p>
 * Content without escapes is scanned as it came, by the built-in patterns, which look for ASCII
 * only; content with escapes, or any content when regular expressions are configured, is
 * decoded first. Only a window with a match is written differently from how it came: matches
 * become {@code [SCRUBBED]}, and decoded content is encoded again. The same content gives the
 * same output whether it is scrubbed where it lies in the input or gathered from several chunks.
 */
final class JsonStringScrubber {

	/** Bytes scanned at a time. */
	static final int WINDOW = 17 * 1024;

	/** Bytes scanned twice, at the end of one window and the start of the next. */
	static final int OVERLAP = 1024;

	private static final byte[] MARKER = ScrubRules.MARKER.getBytes(StandardCharsets.US_ASCII);

	private final CopyThrough out;

	private final @Nullable AsciiMatcher asciiPatterns;

	private final TextMatcher allPatterns;

	private final @Nullable TextMatcher userPatterns;

	private final boolean decodeAll;

	private final boolean hasPatterns;

	private final MatchRanges ranges = new MatchRanges();

	private final JsonText text = new JsonText();

	private byte[] buffer = new byte[256];

	private int length;

	private boolean drained;

	JsonStringScrubber(CopyThrough out, ScrubRules rules) {
		this.out = out;
		this.asciiPatterns = rules.asciiPatterns();
		this.allPatterns = rules.valueMatcher();
		this.userPatterns = rules.userPatterns();
		this.decodeAll = this.userPatterns != null;
		this.hasPatterns = this.decodeAll || this.asciiPatterns != null;
	}

	/**
	 * Scrubs a whole string's content where it lies in the input that {@link CopyThrough} is
	 * passing on, replacing what matched.
	 */
	void scrubInPlace(byte[] input, int from, int to) throws IOException {
		int start = from;
		while (to - start > WINDOW) {
			start = scrubWindow(input, start, start + WINDOW, false, true);
		}
		scrubWindow(input, start, to, true, true);
	}

	/**
	 * Scrubs a whole string's content where it lies in the input, knowing what its bytes hold.
	 * @param escaped whether it has escapes
	 * @param ats how many {@code @} it has
	 * @param digits how many digits it has
	 */
	void scrubInPlace(byte[] input, int from, int to, boolean escaped, int ats, int digits) throws IOException {
		if (to - from > WINDOW) {
			scrubInPlace(input, from, to);
			return;
		}
		if (escaped || this.decodeAll) {
			// the built-ins run on the decoded text only if it could hold a match
			boolean builtIns = this.asciiPatterns != null && (escaped || this.asciiPatterns.mayMatch(ats, digits));
			TextMatcher patterns = builtIns ? this.allPatterns : this.userPatterns;
			if (patterns != null) {
				scrubDecoded(input, from, to, true, true, patterns);
			}
			return;
		}
		if (this.asciiPatterns == null) {
			return;
		}
		this.ranges.clear();
		this.asciiPatterns.find(input, from, to, ats, digits, this.ranges);
		for (int i = 0, n = this.ranges.size(); i < n; i++) {
			this.out.replace(this.ranges.start(i), this.ranges.end(i), MARKER);
		}
	}

	/** Whether a value pattern matches ASCII text, such as a number. */
	boolean matches(byte[] ascii, int from, int to) {
		this.ranges.clear();
		if (this.decodeAll) {
			char[] chars = new char[to - from];
			for (int i = from; i < to; i++) {
				chars[i - from] = (char) ascii[i];
			}
			this.allPatterns.find(chars, 0, chars.length, this.ranges);
		}
		else if (this.asciiPatterns != null) {
			this.asciiPatterns.find(ascii, from, to, this.ranges);
		}
		return !this.ranges.isEmpty();
	}

	/** Gathers content that comes in several chunks, writing each window once scrubbed. */
	void append(byte[] bytes, int from, int to) throws IOException {
		int position = from;
		while (position < to) {
			if (this.length == WINDOW) {
				int cut = scrubWindow(this.buffer, 0, WINDOW, false, false);
				System.arraycopy(this.buffer, cut, this.buffer, 0, this.length - cut);
				this.length -= cut;
				this.drained = true;
			}
			int count = Math.min(to - position, WINDOW - this.length);
			if (this.length + count > this.buffer.length) {
				this.buffer = Arrays.copyOf(this.buffer, Math.min(WINDOW, Math.max(this.length + count, this.length * 2)));
			}
			System.arraycopy(bytes, position, this.buffer, this.length, count);
			this.length += count;
			position += count;
		}
	}

	/**
	 * The content gathered so far, as long as none of it was written.
	 * @return the content, which is {@code buffer()[0, length())}; {@code null} if written
	 */
	byte @Nullable [] gathered() {
		return this.drained ? null : this.buffer;
	}

	int length() {
		return this.length;
	}

	/** Scrubs and writes the rest of the gathered content: the string ended. */
	void finish() throws IOException {
		scrubWindow(this.buffer, 0, this.length, true, false);
		clear();
	}

	/** Drops the gathered content: the string was cut short or malformed. */
	void clear() {
		this.length = 0;
		this.drained = false;
	}

	/**
	 * Scrubs the window {@code bytes[from, to)} and writes it up to where the next one starts.
	 * @param last whether the content ends at {@code to}
	 * @param inPlace whether the bytes are the input (replaced in place) rather than gathered
	 * @return where the next window starts: {@code to} when last
	 */
	private int scrubWindow(byte[] bytes, int from, int to, boolean last, boolean inPlace) throws IOException {
		if (!this.hasPatterns) {
			if (!inPlace) {
				this.out.write(bytes, from, to - from);
			}
			return to;
		}
		if (this.decodeAll || this.asciiPatterns == null || contains(bytes, from, to, (byte) '\\')) {
			return scrubDecoded(bytes, from, to, last, inPlace, this.allPatterns);
		}
		this.ranges.clear();
		this.asciiPatterns.find(bytes, from, to, this.ranges);
		int cut = last ? to : cut(bytes, from, to);
		int position = from;
		for (int i = 0, n = this.ranges.size(); i < n && this.ranges.start(i) < cut; i++) {
			int start = this.ranges.start(i);
			int end = this.ranges.end(i);
			if (inPlace) {
				this.out.replace(start, end, MARKER);
			}
			else {
				this.out.write(bytes, position, start - position);
				this.out.write(MARKER);
			}
			position = end;
		}
		if (!inPlace) {
			this.out.write(bytes, position, cut - position);
		}
		return cut;
	}

	/** Where a window of bytes scanned as they came is cut: not inside a match, nor a UTF-8 sequence. */
	private int cut(byte[] bytes, int from, int to) {
		int cut = this.ranges.safeCut(to - OVERLAP);
		if (cut <= from) {
			// a match fills the window: it is final
			return to;
		}
		for (int back = cut; back > from && back > cut - 4; back--) {
			if ((bytes[back] & 0xC0) != 0x80) {
				return back;
			}
		}
		return cut;
	}

	private int scrubDecoded(byte[] bytes, int from, int to, boolean last, boolean inPlace, TextMatcher patterns)
			throws IOException {
		JsonText decoded = this.text;
		decoded.decode(bytes, from, to, last);
		char[] chars = decoded.chars();
		int count = decoded.length();
		this.ranges.clear();
		patterns.find(chars, 0, count, this.ranges);
		int cut = last ? count : cut(decoded, to - OVERLAP);
		int rawCut = decoded.start(cut);
		if (this.ranges.isEmpty() || this.ranges.start(0) >= cut) {
			if (!inPlace) {
				this.out.write(bytes, from, rawCut - from);
			}
			return rawCut;
		}
		decoded.clearEncoded();
		this.ranges.replace(chars, 0, cut, decoded);
		if (inPlace) {
			this.out.replace(from, rawCut, decoded.encoded(), 0, decoded.encodedLength());
		}
		else {
			this.out.write(decoded.encoded(), 0, decoded.encodedLength());
		}
		return rawCut;
	}

	/** Where a window of decoded characters is cut: not inside a match, nor a surrogate pair. */
	private int cut(JsonText decoded, int preferredByte) {
		int count = decoded.length();
		int preferred = count;
		while (preferred > 0 && decoded.start(preferred - 1) >= preferredByte) {
			preferred--;
		}
		int cut = this.ranges.safeCut(preferred);
		if (cut > 0 && Character.isHighSurrogate(decoded.chars()[cut - 1])) {
			cut--;
		}
		return (cut > 0) ? cut : count;
	}

	private static boolean contains(byte[] bytes, int from, int to, byte b) {
		for (int i = from; i < to; i++) {
			if (bytes[i] == b) {
				return true;
			}
		}
		return false;
	}

}
