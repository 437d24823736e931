package io.chronotrace.core.trace;

import io.chronotrace.core.support.ContentTypes;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamFactory;

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
 * the depth the reader accepts. The text is checked with the parser that reads the
 * records, so that what is written raw is what it reads.
 */
final class JsonBodies {

	/**
	 * The deepest nesting written raw; the reader refuses documents deeper than 500
	 * (Jackson's default), and a body sits at most five levels down the record.
	 */
	static final int MAX_DEPTH = 256;

	private final TokenStreamFactory factory;

	/**
	 * Bodies checked with the parser the records are read with.
	 * @param factory the factory of the reading parser
	 */
	JsonBodies(TokenStreamFactory factory) {
		this.factory = factory;
	}

	/**
	 * Whether a body is kept as a JSON value: a whole, not truncated, JSON text body that
	 * is one object or array, nothing around it, which the reader gets back exactly.
	 * @param body the body
	 * @return whether to write its content raw
	 */
	boolean keptAsJson(TraceBody body) {
		String text = body.content();
		return body.encoding() == TraceBody.Encoding.TEXT && text != null && !body.truncated()
				&& body.capturedSize() == body.size() && delimited(text) && ContentTypes.isJson(body.contentType())
				&& oneValue(text);
	}

	/**
	 * Whether the text starts and ends as an object or an array does, and has no unpaired
	 * surrogate: the cheap part, before the parser is asked.
	 */
	private static boolean delimited(String text) {
		int length = text.length();
		if (length < 2) {
			return false;
		}
		char first = text.charAt(0);
		char last = text.charAt(length - 1);
		if (!((first == '{' && last == '}') || (first == '[' && last == ']'))) {
			return false;
		}
		for (int i = 1; i < length - 1; i++) {
			char c = text.charAt(i);
			if (Character.isSurrogate(c)) {
				if (!Character.isHighSurrogate(c) || !Character.isLowSurrogate(text.charAt(i + 1))) {
					return false;
				}
				i++;
			}
		}
		return true;
	}

	/**
	 * Whether the text is exactly one JSON value, nested at most {@link #MAX_DEPTH} deep.
	 */
	private boolean oneValue(String text) {
		try (JsonParser parser = this.factory.createParser(ObjectReadContext.empty(), text)) {
			int depth = 0;
			JsonToken token = parser.nextToken();
			while (token != null) {
				if (token.isStructStart()) {
					if (++depth > MAX_DEPTH) {
						return false;
					}
				}
				else if (token.isStructEnd()) {
					depth--;
				}
				if (depth == 0) {
					// the value ended: nothing but the end of the text may follow
					return parser.nextToken() == null;
				}
				token = parser.nextToken();
			}
			return false;
		}
		catch (JacksonException ex) {
			return false;
		}
	}

}
