package io.chronotrace.core.scrub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.chronotrace.core.scrub.JsonStringScanner.Mode;

/**
 * The state machine of a JSON scrubber: reads UTF-8 JSON in chunks cut anywhere, once, byte by
 * byte, and has {@link CopyThrough} pass on what it validated as it came. The value of a secret
 * property (a scalar, or a whole object or array, skipped without recursion) becomes
 * {@code "[SCRUBBED]"}, strings are scrubbed by {@link JsonStringScanner}, and an integer of 13
 * digits or more that matches a pattern (a card number) becomes {@code "[SCRUBBED]"}.
 * <p>
 * Memory is bounded: the containers open (a bit each, {@link #MAX_DEPTH} at most), the token
 * being read and a string's window. A token cut by the end of a chunk is held until it
 * completes; one cut by the end of the body is dropped, except a number at the top level, which
 * is complete there. On malformed JSON (or JSON nested deeper than {@link #MAX_DEPTH}) what was
 * validated is passed on, the marker follows it and the rest is dropped.
 */
final class JsonScanner {

	/** Jackson's default limit on nesting. */
	static final int MAX_DEPTH = 500;

	private static final byte[] TRUE = bytes("true");

	private static final byte[] FALSE = bytes("false");

	private static final byte[] NULL = bytes("null");

	private static final byte[] BYTE_ORDER_MARK = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

	private static final byte[] SCRUBBED = bytes("\"" + ScrubRules.MARKER + "\"");

	private static final byte[] FAILURE_MARK = bytes(" " + ScrubRules.MARKER);

	// what a byte where a value is expected starts

	private static final int SPACE = 1;

	private static final int STRING_START = 2;

	private static final int OPEN = 3;

	private static final int CLOSE = 4;

	private static final int LITERAL_START = 5;

	private static final int NUMBER_START = 6;

	private static final byte[] VALUE_STARTS = new byte[256];

	static {
		for (char c : " \t\n\r".toCharArray()) {
			VALUE_STARTS[c] = SPACE;
		}
		VALUE_STARTS['"'] = STRING_START;
		VALUE_STARTS['{'] = OPEN;
		VALUE_STARTS['['] = OPEN;
		VALUE_STARTS['}'] = CLOSE;
		VALUE_STARTS[']'] = CLOSE;
		VALUE_STARTS['t'] = LITERAL_START;
		VALUE_STARTS['f'] = LITERAL_START;
		VALUE_STARTS['n'] = LITERAL_START;
		VALUE_STARTS['-'] = NUMBER_START;
		for (char c = '0'; c <= '9'; c++) {
			VALUE_STARTS[c] = NUMBER_START;
		}
	}

	/** Integers shorter than this cannot hold a card number; the patterns skip them. */
	private static final int MIN_SCRUBBED_INTEGER = 13;

	// the states: ints rather than an enum, and the common paths in small methods, so that the
	// loop in write() compiles into one piece of code with the hot paths inlined

	/** Top level: a value, or nothing. */
	private static final int ROOT = 0;

	/** After {@code :} or {@code ,} in an array: a value. */
	private static final int VALUE = 1;

	/** After {@code [}: a value or {@code ]}. */
	private static final int ARRAY_START = 2;

	/** After {@code {}: a name or <code>}</code>. */
	private static final int OBJECT_START = 3;

	/** After {@code ,} in an object: a name. */
	private static final int NAME = 4;

	/** After a name: {@code :}. */
	private static final int COLON = 5;

	/** After a value: {@code ,} or the end of its container. */
	private static final int AFTER_VALUE = 6;

	/** In a string (a name or a value). */
	private static final int STRING = 7;

	/** In a number. */
	private static final int NUMBER = 8;

	/** In {@code true}, {@code false}, {@code null} or a byte order mark. */
	private static final int LITERAL = 9;

	/** Malformed: everything else is dropped. */
	private static final int FAILED = 10;

	private final CopyThrough out;

	private final JsonStringScanner strings;

	/** How values are read when they are not skipped. */
	private final Mode valueMode;

	/** The open containers, a set bit for an object. */
	private final long[] containers = new long[(MAX_DEPTH + 63) / 64];

	private int depth;

	/** Whether the innermost open container is an object. */
	private boolean inObject;

	private int state = ROOT;

	private boolean begun;

	/** Whether the string being read is a property name. */
	private boolean readingName;

	/** Whether the next value is a secret property's. */
	private boolean secretValue;

	/** The depth of the secret value being skipped; -1 when none is. */
	private int skipDepth = -1;

	/** Where the token being read starts in this chunk (its content, for a string). */
	private int tokenStart;

	private final HeldToken held = new HeldToken();

	/** The tally of the last string read by {@link #plainEnd}. */
	private long tally;

	JsonScanner(CopyThrough out, ScrubRules rules) {
		this.out = out;
		this.strings = new JsonStringScanner(out, rules);
		this.valueMode = this.strings.copiesValues() ? Mode.COPY : Mode.SCRUB;
	}

	/** Scans a chunk and writes what it can of it. */
	void write(byte[] bytes, int from, int to) throws IOException {
		if (this.state == FAILED) {
			return;
		}
		this.out.start(bytes, from);
		this.tokenStart = from;
		int i = from;
		if (!this.begun && from < to) {
			this.begun = true;
			if (bytes[from] == BYTE_ORDER_MARK[0]) {
				i = startLiteral(BYTE_ORDER_MARK, bytes, from, to);
			}
		}
		// the common tokens are read in this loop itself, which the JIT then compiles as one piece
		// of code whatever it decides to inline; rarer ones are read by the methods it calls
		while (i < to) {
			byte b = bytes[i];
			switch (this.state) {
				case ROOT, VALUE, ARRAY_START -> {
					switch (VALUE_STARTS[b & 0xFF]) {
						case SPACE -> i++;
						case STRING_START -> {
							beginValue(i);
							int end = plainEnd(bytes, i + 1, to);
							if (end < 0) {
								i = startString(bytes, i, to, false);
							}
							else {
								if (this.skipDepth < 0 && this.strings.scrubs(this.tally)) {
									this.strings.complete(Mode.SCRUB, bytes, i + 1, end, this.tally, false);
								}
								i = end + 1;
								endValue(i);
							}
						}
						case OPEN -> {
							beginValue(i);
							i = open(b == '{', i);
						}
						case CLOSE -> i = (this.state == ARRAY_START && b == ']') ? close(false, i) : fail(i);
						case LITERAL_START -> {
							beginValue(i);
							i = startLiteral((b == 't') ? TRUE : (b == 'f') ? FALSE : NULL, bytes, i, to);
						}
						case NUMBER_START -> {
							beginValue(i);
							i = startNumber(bytes, i, to);
						}
						default -> i = fail(i);
					}
				}
				case OBJECT_START, NAME -> {
					if (b == '"') {
						i = name(bytes, i, to);
					}
					else if (isSpace(b)) {
						i++;
					}
					else {
						i = (b == '}' && this.state == OBJECT_START) ? close(true, i) : fail(i);
					}
				}
				case COLON -> {
					if (b == ':') {
						this.state = VALUE;
						i++;
					}
					else {
						i = isSpace(b) ? i + 1 : fail(i);
					}
				}
				case AFTER_VALUE -> {
					if (b == ',') {
						this.state = this.inObject ? NAME : VALUE;
						i++;
						if (this.inObject && i < to && bytes[i] == '"') {
							i = name(bytes, i, to);
						}
					}
					else if (b == '}' || b == ']') {
						i = close(b == '}', i);
					}
					else {
						i = isSpace(b) ? i + 1 : fail(i);
					}
				}
				case STRING -> i = string(bytes, i, to);
				case NUMBER -> i = number(bytes, i, to);
				case LITERAL -> i = literal(bytes, i, to);
				default -> i = to;
			}
		}
		if (this.state != FAILED) {
			endOfChunk(bytes, to);
		}
		this.out.end();
	}

	/** The body ended: a number at the top level is complete, anything else in progress is dropped. */
	void finish() throws IOException {
		if (this.state == NUMBER && this.depth == 0
				&& JsonNumber.isValid(this.held.bytes(), 0, this.held.length())) {
			writeHeldNumber();
		}
		this.strings.abandon();
		this.held.clear();
	}

	/** A value starts: if it is a secret property's, the marker replaces it and it is skipped. */
	private void beginValue(int i) throws IOException {
		if (this.secretValue) {
			this.secretValue = false;
			this.skipDepth = this.depth;
			this.out.copyTo(i);
			this.out.write(SCRUBBED);
		}
	}

	private void endValue(int next) {
		if (this.depth == this.skipDepth) {
			this.skipDepth = -1;
			this.out.dropTo(next);
		}
		this.state = (this.depth == 0) ? ROOT : AFTER_VALUE;
	}

	private static boolean isSpace(byte b) {
		return b == ' ' || b == '\t' || b == '\n' || b == '\r';
	}

	private boolean skipping() {
		return this.skipDepth >= 0;
	}

	private int open(boolean object, int i) throws IOException {
		if (this.depth == MAX_DEPTH) {
			return fail(i);
		}
		long bit = 1L << (this.depth & 63);
		if (object) {
			this.containers[this.depth >> 6] |= bit;
		}
		else {
			this.containers[this.depth >> 6] &= ~bit;
		}
		this.depth++;
		this.inObject = object;
		this.state = object ? OBJECT_START : ARRAY_START;
		return i + 1;
	}

	private int close(boolean object, int i) throws IOException {
		if (this.depth == 0 || this.inObject != object) {
			return fail(i);
		}
		int top = --this.depth - 1;
		this.inObject = top >= 0 && (this.containers[top >> 6] & (1L << (top & 63))) != 0;
		endValue(i + 1);
		return i + 1;
	}

	/** A name starts; the common case, a whole name without escapes in this chunk, is read here. */
	private int name(byte[] bytes, int quote, int to) throws IOException {
		int end = plainEnd(bytes, quote + 1, to);
		if (end < 0) {
			return startString(bytes, quote, to, true);
		}
		this.secretValue = this.skipDepth < 0
				&& this.strings.complete(Mode.NAME, bytes, quote + 1, end, this.tally, false);
		int next = end + 1;
		if (next < to && bytes[next] == ':') {
			this.state = VALUE;
			return next + 1;
		}
		this.state = COLON;
		return next;
	}

	/**
	 * Where a string whose content starts at {@code from} ends, if it has no escape and ends in
	 * this chunk; its tally goes to {@link #tally}.
	 * @return the index of the closing quote, or -1
	 */
	private int plainEnd(byte[] bytes, int from, int to) {
		long[] talliesByByte = JsonStringScanner.TALLY;
		long tally = 0;
		int i = from;
		long add;
		while (i < to && (add = talliesByByte[bytes[i] & 0xFF]) >= 0) {
			tally += add;
			i++;
		}
		this.tally = tally;
		return (i < to && bytes[i] == '"') ? i : -1;
	}

	/** A string that the common case does not cover: handed to {@link JsonStringScanner}. */
	private int startString(byte[] bytes, int quote, int to, boolean name) throws IOException {
		Mode mode = skipping() ? Mode.SKIP : name ? Mode.NAME : this.valueMode;
		this.strings.begin(mode);
		this.readingName = name;
		this.state = STRING;
		this.tokenStart = quote + 1;
		return string(bytes, quote + 1, to);
	}

	private int string(byte[] bytes, int from, int to) throws IOException {
		int end = this.strings.scan(bytes, from, to);
		if (end == JsonStringScanner.MORE) {
			return to;
		}
		if (end == JsonStringScanner.MALFORMED) {
			return fail(from);
		}
		if (this.readingName) {
			this.secretValue = this.strings.isSecret();
			this.state = COLON;
		}
		else {
			endValue(end);
		}
		return end;
	}

	private int startNumber(byte[] bytes, int start, int to) throws IOException {
		int end = start + 1;
		while (end < to && JsonNumber.isNumberByte(bytes[end])) {
			end++;
		}
		if (end == to) {
			this.state = NUMBER;
			this.tokenStart = start;
			return to;
		}
		if (end - start > JsonNumber.MAX_LENGTH || !JsonNumber.isValid(bytes, start, end)) {
			return fail(start);
		}
		if (!skipping() && scrubs(bytes, start, end)) {
			this.out.replace(start, end, SCRUBBED);
		}
		endValue(end);
		return end;
	}

	/** A number held since an earlier chunk goes on. */
	private int number(byte[] bytes, int from, int to) throws IOException {
		int end = from;
		while (end < to && JsonNumber.isNumberByte(bytes[end])) {
			end++;
		}
		if (end == to) {
			return to;
		}
		if (!this.held.hold(bytes, from, end) || !JsonNumber.isValid(this.held.bytes(), 0, this.held.length())) {
			return fail(from);
		}
		if (!skipping()) {
			writeHeldNumber();
		}
		this.held.clear();
		this.out.dropTo(end);
		endValue(end);
		return end;
	}

	private void writeHeldNumber() throws IOException {
		if (scrubs(this.held.bytes(), 0, this.held.length())) {
			this.out.write(SCRUBBED);
		}
		else {
			this.out.write(this.held.bytes(), 0, this.held.length());
		}
	}

	/** Whether a number is an integer that a value pattern matches (a card number). */
	private boolean scrubs(byte[] bytes, int from, int to) {
		return to - from >= MIN_SCRUBBED_INTEGER && JsonNumber.isInteger(bytes, from, to)
				&& this.strings.matches(bytes, from, to);
	}

	private int startLiteral(byte[] literal, byte[] bytes, int start, int to) throws IOException {
		this.held.startLiteral(literal);
		this.state = LITERAL;
		this.tokenStart = start;
		return literal(bytes, start, to);
	}

	private int literal(byte[] bytes, int from, int to) throws IOException {
		int end = this.held.matchLiteral(bytes, from, to);
		if (end == HeldToken.MORE) {
			return to;
		}
		if (end == HeldToken.MISMATCH) {
			return fail(from);
		}
		if (this.held.length() > 0 && !skipping()) {
			this.out.write(this.held.bytes(), 0, this.held.length());
		}
		this.held.clear();
		endValue(end);
		return end;
	}

	private void endOfChunk(byte[] bytes, int to) throws IOException {
		if (this.state == STRING) {
			this.strings.suspend(bytes, to);
		}
		else if (this.state == NUMBER || this.state == LITERAL) {
			if (!skipping()) {
				this.out.copyTo(this.tokenStart);
			}
			if (!this.held.hold(bytes, this.tokenStart, to)) {
				fail(this.tokenStart);
				return;
			}
		}
		if (skipping() || this.state == NUMBER || this.state == LITERAL) {
			this.out.dropTo(to);
		}
		else {
			this.out.copyTo(to);
		}
	}

	/** Passes on what was validated before the current token, marks the cut and drops the rest. */
	private int fail(int i) throws IOException {
		if (!skipping()) {
			boolean inToken = this.state == STRING || this.state == NUMBER || this.state == LITERAL;
			this.out.copyTo(inToken ? this.tokenStart : i);
		}
		this.out.write(FAILURE_MARK);
		this.state = FAILED;
		this.strings.abandon();
		this.held.clear();
		return Integer.MAX_VALUE;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
