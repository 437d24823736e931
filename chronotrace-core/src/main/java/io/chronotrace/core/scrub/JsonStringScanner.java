package io.chronotrace.core.scrub;

import java.io.IOException;

/**
 * Finds where a JSON string ends, in chunks that may cut it anywhere (inside an escape or a
 * UTF-8 sequence), validating its escapes, and has it scrubbed by {@link JsonStringScrubber}: in
 * place when it lies whole in one chunk, gathered otherwise. Property names are judged by
 * {@link JsonKeys}; a name longer than {@link #MAX_NAME} bytes is taken as secret.
 * <p>
 * While looking for the closing quote it keeps a tally ({@link #TALLY}) of what the built-in
 * patterns start from, {@code @} and digits, at the cost of an addition per byte: a string
 * without an {@code @}, with fewer than 13 digits and without escapes (which could hide either)
 * cannot hold an e-mail address or a card number, and is not searched. The common case, a whole
 * string without escapes in one chunk, is read by {@link JsonScanner} itself with the same
 * tally, and {@link #complete completed} here.
 */
final class JsonStringScanner {

	/** What {@link #scan} returns when the chunk ended first. */
	static final int MORE = -1;

	/** What {@link #scan} returns on a control character or an invalid escape. */
	static final int MALFORMED = -2;

	/** Longer property names are not judged: their values are scrubbed. */
	static final int MAX_NAME = 1024;

	/** How a string is handled. */
	enum Mode {

		/** Part of a secret value: passed over. */
		SKIP,

		/** A value with no patterns to look for: copied as it comes. */
		COPY,

		/** A value scrubbed with the patterns. */
		SCRUB,

		/** A property name: judged, and scrubbed with the patterns. */
		NAME

	}

	/** Escape state: after a backslash; 1 to 4 are the hex digits of a unicode escape still to come. */
	private static final int BACKSLASH = -1;

	/** The fewest digits of a card number. */
	private static final int CARD_DIGITS = 13;

	/** A count of {@code @} in the upper half of a tally, digits in the lower half. */
	private static final long AT = 1L << 32;

	private static final long DIGITS = 0xFFFFFFFFL;

	/** What a tally of the content adds for each byte; negative for those that end a run of plain content. */
	static final long[] TALLY = new long[256];

	static {
		for (int b = 0; b < 0x20; b++) {
			TALLY[b] = -1;
		}
		TALLY['"'] = -1;
		TALLY['\\'] = -1;
		TALLY['@'] = AT;
		for (int b = '0'; b <= '9'; b++) {
			TALLY[b] = 1;
		}
	}

	private final CopyThrough out;

	private final JsonStringScrubber scrubber;

	private final JsonKeys keys;

	private final boolean hasPatterns;

	private final boolean decodeAll;

	private Mode mode = Mode.SKIP;

	private int escape;

	/** How many {@code @} and digits the content has, and whether it has escapes. */
	private long tally;

	private boolean escaped;

	/** Where the content starts in the current chunk. */
	private int start;

	/** Whether the content is gathered, having started in an earlier chunk. */
	private boolean gathering;

	private boolean secret;

	JsonStringScanner(CopyThrough out, ScrubRules rules) {
		this.out = out;
		this.scrubber = new JsonStringScrubber(out, rules);
		this.keys = rules.jsonKeys();
		this.decodeAll = rules.userPatterns() != null;
		this.hasPatterns = this.decodeAll || rules.asciiPatterns() != null;
	}

	/** Whether values are copied as they come, there being no pattern to look for. */
	boolean copiesValues() {
		return !this.hasPatterns;
	}

	/** Starts a string; {@link #scan} follows with the first byte of its content. */
	void begin(Mode mode) {
		this.mode = mode;
		this.escape = 0;
		this.tally = 0;
		this.escaped = false;
		this.secret = false;
	}

	/** Whether the property name just scanned is secret. */
	boolean isSecret() {
		return this.secret;
	}

	/**
	 * Scans the string's content in this chunk, from its start or the start of the chunk.
	 * @return the index after the closing quote once the string is scrubbed, {@link #MORE} or
	 * {@link #MALFORMED}
	 */
	int scan(byte[] bytes, int from, int to) throws IOException {
		this.start = from;
		long tally = this.tally;
		int i = from;
		for (;;) {
			if (this.escape != 0 && (i = escape(bytes, i, to)) < 0) {
				return MALFORMED;
			}
			long add;
			while (i < to && (add = TALLY[bytes[i] & 0xFF]) >= 0) {
				tally += add;
				i++;
			}
			if (i == to) {
				this.tally = tally;
				return MORE;
			}
			byte b = bytes[i];
			if (b == '"') {
				break;
			}
			if (b != '\\') {
				return MALFORMED;
			}
			this.escaped = true;
			this.escape = BACKSLASH;
			i++;
		}
		this.tally = tally;
		if (this.mode == Mode.NAME || this.mode == Mode.SCRUB) {
			if (this.gathering) {
				endGathered(bytes, i);
			}
			else {
				endInPlace(bytes, i);
			}
		}
		return i + 1;
	}

	/** Reads the rest of an escape; returns where it ends or {@link #MALFORMED}. */
	private int escape(byte[] bytes, int from, int to) {
		int i = from;
		while (i < to && this.escape != 0) {
			byte b = bytes[i++];
			if (this.escape == BACKSLASH) {
				if (b == 'u') {
					this.escape = 4;
				}
				else if (b == '"' || b == '\\' || b == '/' || b == 'b' || b == 'f' || b == 'n' || b == 'r' || b == 't') {
					this.escape = 0;
				}
				else {
					return MALFORMED;
				}
			}
			else if (FormCodec.hex(b) >= 0) {
				this.escape--;
			}
			else {
				return MALFORMED;
			}
		}
		return i;
	}

	private void endGathered(byte[] bytes, int quote) throws IOException {
		this.scrubber.append(bytes, this.start, quote);
		if (this.mode == Mode.NAME) {
			byte[] gathered = this.scrubber.gathered();
			this.secret = gathered == null || judge(gathered, 0, this.scrubber.length());
		}
		this.scrubber.finish();
		this.out.dropTo(quote);
		this.gathering = false;
	}

	private void endInPlace(byte[] bytes, int quote) throws IOException {
		this.secret = complete(this.mode, bytes, this.start, quote, this.tally, this.escaped);
	}

	/**
	 * A string lying whole in the chunk is complete: a name is judged, and the content is
	 * scrubbed in place if its tally says the patterns could match.
	 * @param mode {@link Mode#NAME} or {@link Mode#SCRUB}
	 * @param bytes the chunk
	 * @param from where the content starts
	 * @param quote where the closing quote is
	 * @param tally the tally of the content ({@link #TALLY})
	 * @param escaped whether the content has escapes
	 * @return whether the name is secret; {@code false} for a value
	 */
	boolean complete(Mode mode, byte[] bytes, int from, int quote, long tally, boolean escaped) throws IOException {
		boolean secret = mode == Mode.NAME && judge(bytes, from, quote);
		if (this.hasPatterns && (escaped || scrubs(tally))) {
			this.scrubber.scrubInPlace(bytes, from, quote, escaped, (int) (tally >>> 32), (int) (tally & DIGITS));
		}
		return secret;
	}

	/** Whether a value pattern matches ASCII text, such as a number. */
	boolean matches(byte[] ascii, int from, int to) {
		return this.scrubber.matches(ascii, from, to);
	}

	/** Whether a string without escapes with this tally is to be scanned for the patterns. */
	boolean scrubs(long tally) {
		return this.hasPatterns && (this.decodeAll || tally >= AT || (tally & DIGITS) >= CARD_DIGITS);
	}

	private boolean judge(byte[] bytes, int from, int to) {
		return to - from > MAX_NAME || this.keys.isSecret(bytes, from, to);
	}

	/**
	 * The chunk ended inside the string: what comes before it is passed on, the content is
	 * gathered, unless it is skipped or copied as it comes, which the caller does.
	 */
	void suspend(byte[] bytes, int to) throws IOException {
		if (this.mode == Mode.SKIP || this.mode == Mode.COPY) {
			return;
		}
		if (!this.gathering) {
			this.out.copyTo(this.start);
			this.gathering = true;
		}
		this.scrubber.append(bytes, this.start, to);
		this.out.dropTo(to);
	}

	/** Forgets the string, cut short or malformed: what was gathered is never written. */
	void abandon() {
		this.scrubber.clear();
		this.gathering = false;
		this.escape = 0;
	}

}
