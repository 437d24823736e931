package io.chronotrace.core.trace;

import java.nio.charset.StandardCharsets;

import io.chronotrace.core.support.ContentTypes;
import org.jspecify.annotations.Nullable;

/**
 * Decides which text bodies a trace of format version 3 keeps as a JSON value
 * ({@code "encoding": "JSON"}, the text written as it is into {@code "json"}) rather than
 * as an escaped string: a JSON body then costs its own bytes, not its bytes plus a
 * backslash for every quote.
 * <p>
 * Replay and the exports resend a body, so the text read back must be the text recorded,
 * byte for byte: the reader takes the value's own bytes out of the record, never a
 * re-serialization, and only text that is exactly one JSON object or array, from its
 * first character to its last, is written raw. Whoever sends a request writes its body,
 * so everything else stays a string, which no content can leave: text after the value
 * ({@code {"a":1}, "injected": true}), several values, scalars, surrounding whitespace
 * (the value's bytes would not hold it), lone surrogates (UTF-8 cannot encode them), and
 * nesting deeper than {@link #MAX_DEPTH}, so that the record around the body stays within
 * the depth the reader accepts.
 * <p>
 * The text is checked by a strict scanner of RFC 8259 JSON over the UTF-8 bytes the record
 * gets (the writer copies them, so the text is encoded once), not by a parser: it accepts
 * only what the parser that reads the records accepts with its default settings (no
 * comments, no single quotes, no leading zeros, no trailing commas, no control characters
 * in strings), and stays well within that parser's limits on numbers, names and strings,
 * so that what is written raw is what it reads. A body outside those limits stays a string.
 * Scanning costs a fraction of parsing (no tokens, no names kept), which matters because
 * every kept trace is checked on the writer thread ({@code JsonBodyCheckTests} compares
 * both on attackers' and random inputs).
 */
final class JsonBodies {

	/**
	 * The deepest nesting written raw; the reader refuses documents deeper than 500
	 * (Jackson's default), and a body sits at most five levels down the record.
	 */
	static final int MAX_DEPTH = 256;

	/** The longest number written raw: the reader refuses numbers of over 1,000 characters. */
	static final int MAX_NUMBER_LENGTH = 500;

	/** The longest property name written raw, in UTF-8 bytes: the reader refuses names of over 50,000 characters. */
	static final int MAX_NAME_LENGTH = 10_000;

	/** The longest string value written raw, in UTF-8 bytes: the reader refuses strings of over 100,000,000 characters. */
	static final int MAX_STRING_LENGTH = 10_000_000;

	private static final byte[] TRUE = { 't', 'r', 'u', 'e' };

	private static final byte[] FALSE = { 'f', 'a', 'l', 's', 'e' };

	private static final byte[] NULL = { 'n', 'u', 'l', 'l' };

	private JsonBodies() {
	}

	/**
	 * The UTF-8 bytes a body is kept as, when it is kept as a JSON value: a whole, not
	 * truncated, JSON text body that is one object or array, nothing around it, which the
	 * reader gets back exactly.
	 * @param body the body
	 * @return the bytes to write raw, or {@code null} when the body stays a string
	 */
	static byte @Nullable [] keptAsJson(TraceBody body) {
		String text = body.content();
		return (body.encoding() == TraceBody.Encoding.TEXT && text != null && !body.truncated()
				&& body.capturedSize() == body.size() && ContentTypes.isJson(body.contentType())) ? jsonText(text)
						: null;
	}

	/**
	 * The text's UTF-8 bytes when it is written raw: exactly one JSON object or array, from its
	 * first character to its last, nested at most {@link #MAX_DEPTH} deep, without unpaired
	 * surrogates. The scan runs over the bytes the record gets, so that the text is encoded
	 * once; the limits count bytes, which for text beyond ASCII is stricter than the reader,
	 * never laxer.
	 * @param text the text
	 * @return its UTF-8 bytes, or {@code null} when it stays a string
	 */
	static byte @Nullable [] jsonText(String text) {
		int length = text.length();
		if (length < 2) {
			return null;
		}
		char first = text.charAt(0);
		char last = text.charAt(length - 1);
		if (!((first == '{' && last == '}') || (first == '[' && last == ']'))) {
			return null;
		}
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		Scanner scanner = new Scanner(bytes);
		if (!scanner.scan()) {
			return null;
		}
		// the encoder writes an unpaired surrogate, which UTF-8 cannot encode (so it would not
		// read back), as '?': the bytes then hold more of them than the text
		return (scanner.questionMarks == 0 || scanner.questionMarks == count(text, '?')) ? bytes : null;
	}

	private static int count(String text, char c) {
		int count = 0;
		for (int at = text.indexOf(c); at >= 0; at = text.indexOf(c, at + 1)) {
			count++;
		}
		return count;
	}

	/** A strict JSON scanner over one UTF-8 text: each method consumes one production or fails. */
	private static final class Scanner {

		private final byte[] bytes;

		private final int length;

		private int position;

		/** The question marks in strings, where alone JSON has them. */
		int questionMarks;

		Scanner(byte[] bytes) {
			this.bytes = bytes;
			this.length = bytes.length;
		}

		boolean scan() {
			return value(0) && this.position == this.length;
		}

		boolean value(int depth) {
			skipWhitespace();
			if (this.position >= this.length) {
				return false;
			}
			return switch (this.bytes[this.position]) {
				case '{' -> object(depth + 1);
				case '[' -> array(depth + 1);
				case '"' -> string(MAX_STRING_LENGTH);
				case 't' -> literal(TRUE);
				case 'f' -> literal(FALSE);
				case 'n' -> literal(NULL);
				default -> number();
			};
		}

		private boolean object(int depth) {
			if (depth > MAX_DEPTH) {
				return false;
			}
			this.position++;
			skipWhitespace();
			if (next('}')) {
				return true;
			}
			do {
				skipWhitespace();
				if (this.position >= this.length || this.bytes[this.position] != '"' || !string(MAX_NAME_LENGTH)) {
					return false;
				}
				skipWhitespace();
				if (!next(':') || !value(depth)) {
					return false;
				}
				skipWhitespace();
			}
			while (next(','));
			return next('}');
		}

		private boolean array(int depth) {
			if (depth > MAX_DEPTH) {
				return false;
			}
			this.position++;
			skipWhitespace();
			if (next(']')) {
				return true;
			}
			do {
				if (!value(depth)) {
					return false;
				}
				skipWhitespace();
			}
			while (next(','));
			return next(']');
		}

		/**
		 * A string from its opening quote: no control characters, only the escapes JSON has.
		 * Bytes beyond ASCII are the encoder's, so they are valid UTF-8.
		 */
		private boolean string(int maxLength) {
			int start = ++this.position;
			while (this.position < this.length) {
				byte b = this.bytes[this.position++];
				if (b == '"') {
					return this.position - 1 - start <= maxLength;
				}
				if ((b >= 0 && b < 0x20) || (b == '\\' && !escape())) {
					return false;
				}
				if (b == '?') {
					this.questionMarks++;
				}
			}
			return false;
		}

		private boolean escape() {
			if (this.position >= this.length) {
				return false;
			}
			byte b = this.bytes[this.position++];
			if (b != 'u') {
				return b == '"' || b == '\\' || b == '/' || b == 'b' || b == 'f' || b == 'n' || b == 'r' || b == 't';
			}
			if (this.position + 4 > this.length) {
				return false;
			}
			for (int i = 0; i < 4; i++) {
				byte hex = this.bytes[this.position++];
				if (!((hex >= '0' && hex <= '9') || (hex >= 'a' && hex <= 'f') || (hex >= 'A' && hex <= 'F'))) {
					return false;
				}
			}
			return true;
		}

		/** {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?}, not too long. */
		private boolean number() {
			int start = this.position;
			next('-');
			if (!next('0')) {
				if (!digits()) {
					return false;
				}
			}
			if (next('.') && !digits()) {
				return false;
			}
			if (next('e') || next('E')) {
				if (!next('+')) {
					next('-');
				}
				if (!digits()) {
					return false;
				}
			}
			return this.position - start <= MAX_NUMBER_LENGTH;
		}

		/** One or more ASCII digits. */
		private boolean digits() {
			int start = this.position;
			while (this.position < this.length && this.bytes[this.position] >= '0' && this.bytes[this.position] <= '9') {
				this.position++;
			}
			return this.position > start;
		}

		private boolean literal(byte[] word) {
			if (this.position + word.length > this.length) {
				return false;
			}
			for (int i = 0; i < word.length; i++) {
				if (this.bytes[this.position + i] != word[i]) {
					return false;
				}
			}
			this.position += word.length;
			return true;
		}

		private boolean next(char expected) {
			if (this.position < this.length && this.bytes[this.position] == expected) {
				this.position++;
				return true;
			}
			return false;
		}

		private void skipWhitespace() {
			while (this.position < this.length) {
				byte b = this.bytes[this.position];
				if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
					return;
				}
				this.position++;
			}
		}

	}

}
