package io.chronotrace.core.trace;

import io.chronotrace.core.support.ContentTypes;

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
 * The text is checked by a strict scanner of RFC 8259 JSON, not by a parser: it accepts
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

	/** The longest property name written raw: the reader refuses names of over 50,000 characters. */
	static final int MAX_NAME_LENGTH = 10_000;

	/** The longest string value written raw: the reader refuses strings of over 100,000,000 characters. */
	static final int MAX_STRING_LENGTH = 10_000_000;

	private JsonBodies() {
	}

	/**
	 * Whether a body is kept as a JSON value: a whole, not truncated, JSON text body that
	 * is one object or array, nothing around it, which the reader gets back exactly.
	 * @param body the body
	 * @return whether to write its content raw
	 */
	static boolean keptAsJson(TraceBody body) {
		String text = body.content();
		return body.encoding() == TraceBody.Encoding.TEXT && text != null && !body.truncated()
				&& body.capturedSize() == body.size() && ContentTypes.isJson(body.contentType()) && isJsonText(text);
	}

	/**
	 * Whether a text is written raw: exactly one JSON object or array, from its first
	 * character to its last, nested at most {@link #MAX_DEPTH} deep, without unpaired
	 * surrogates.
	 * @param text the text
	 * @return whether it is
	 */
	static boolean isJsonText(String text) {
		int length = text.length();
		if (length < 2) {
			return false;
		}
		char first = text.charAt(0);
		char last = text.charAt(length - 1);
		if (!((first == '{' && last == '}') || (first == '[' && last == ']'))) {
			return false;
		}
		Scanner scanner = new Scanner(text);
		return scanner.value(0) && scanner.position == length;
	}

	/** A strict JSON scanner over one text: each method consumes one production or fails. */
	private static final class Scanner {

		private final String text;

		private final int length;

		private int position;

		Scanner(String text) {
			this.text = text;
			this.length = text.length();
		}

		boolean value(int depth) {
			skipWhitespace();
			if (this.position >= this.length) {
				return false;
			}
			return switch (this.text.charAt(this.position)) {
				case '{' -> object(depth + 1);
				case '[' -> array(depth + 1);
				case '"' -> string(MAX_STRING_LENGTH);
				case 't' -> literal("true");
				case 'f' -> literal("false");
				case 'n' -> literal("null");
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
				if (this.position >= this.length || this.text.charAt(this.position) != '"' || !string(MAX_NAME_LENGTH)) {
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
		 * A string from its opening quote: no control characters, only the escapes JSON has,
		 * no unpaired surrogate (UTF-8 cannot encode one, so it would not read back).
		 */
		private boolean string(int maxLength) {
			int start = ++this.position;
			while (this.position < this.length) {
				char c = this.text.charAt(this.position++);
				if (c == '"') {
					return this.position - 1 - start <= maxLength;
				}
				if (c < 0x20 || (c == '\\' && !escape())) {
					return false;
				}
				if (Character.isSurrogate(c)) {
					// outside strings any character beyond ASCII fails anyway
					if (!Character.isHighSurrogate(c) || this.position >= this.length
							|| !Character.isLowSurrogate(this.text.charAt(this.position))) {
						return false;
					}
					this.position++;
				}
			}
			return false;
		}

		private boolean escape() {
			if (this.position >= this.length) {
				return false;
			}
			char c = this.text.charAt(this.position++);
			if (c != 'u') {
				return c == '"' || c == '\\' || c == '/' || c == 'b' || c == 'f' || c == 'n' || c == 'r' || c == 't';
			}
			if (this.position + 4 > this.length) {
				return false;
			}
			for (int i = 0; i < 4; i++) {
				char hex = this.text.charAt(this.position++);
				// ASCII only: Character.digit would take other scripts' digits too
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
			while (this.position < this.length && this.text.charAt(this.position) >= '0'
					&& this.text.charAt(this.position) <= '9') {
				this.position++;
			}
			return this.position > start;
		}

		private boolean literal(String word) {
			if (!this.text.startsWith(word, this.position)) {
				return false;
			}
			this.position += word.length();
			return true;
		}

		private boolean next(char expected) {
			if (this.position < this.length && this.text.charAt(this.position) == expected) {
				this.position++;
				return true;
			}
			return false;
		}

		private void skipWhitespace() {
			while (this.position < this.length) {
				char c = this.text.charAt(this.position);
				if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
					return;
				}
				this.position++;
			}
		}

	}

}
