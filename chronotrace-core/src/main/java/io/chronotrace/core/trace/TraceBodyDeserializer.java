package io.chronotrace.core.trace;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads a body of any format version into the one {@link TraceBody} model: a string
 * {@code content} (every version) as it is, and a body kept as a JSON value
 * ({@code "encoding": "JSON"}, version 3, see {@link JsonBodies}) as
 * {@link TraceBody.Encoding#TEXT} whose content is the value's own bytes in the record, so
 * that the text is the one recorded, byte for byte.
 * <p>
 * Those bytes are the document {@link TraceCodec} reads, given as the attribute
 * {@link #SOURCE}. Another mapper, which does not give them, gets the value
 * re-serialized: the same JSON, not necessarily the same spelling.
 */
final class TraceBodyDeserializer extends ValueDeserializer<TraceBody> {

	/** The attribute holding the bytes of the document being read. */
	static final Object SOURCE = TraceBodyDeserializer.class;

	private static final String JSON = "JSON";

	@Override
	public TraceBody deserialize(JsonParser p, DeserializationContext ctxt) {
		if (!p.isExpectedStartObjectToken()) {
			return (TraceBody) ctxt.handleUnexpectedToken(TraceBody.class, p);
		}
		String contentType = null;
		String encoding = null;
		String content = null;
		String json = null;
		String attachment = null;
		String charset = null;
		long size = 0;
		long capturedSize = 0;
		boolean truncated = false;
		for (String name = p.nextName(); name != null; name = p.nextName()) {
			p.nextToken();
			switch (name) {
				case "contentType" -> contentType = text(p, ctxt);
				case "encoding" -> encoding = text(p, ctxt);
				case "content" -> content = text(p, ctxt);
				case "json" -> json = json(p, ctxt);
				case "attachment" -> attachment = text(p, ctxt);
				case "charset" -> charset = text(p, ctxt);
				case "size" -> size = number(p, ctxt);
				case "capturedSize" -> capturedSize = number(p, ctxt);
				case "truncated" ->
					truncated = p.currentToken() != JsonToken.VALUE_NULL && ctxt.readValue(p, Boolean.class);
				default -> p.skipChildren();
			}
		}
		if (JSON.equals(encoding)) {
			if (json == null) {
				throw new IllegalArgumentException("A body of encoding JSON without its json");
			}
			return new TraceBody(contentType, TraceBody.Encoding.TEXT, json, attachment, charset, size, capturedSize,
					truncated);
		}
		TraceBody.Encoding kept = (encoding != null) ? TraceBody.Encoding.valueOf(encoding) : null;
		return new TraceBody(contentType, kept, content, attachment, charset, size, capturedSize, truncated);
	}

	private static @Nullable String text(JsonParser p, DeserializationContext ctxt) {
		return (p.currentToken() != JsonToken.VALUE_NULL) ? ctxt.readValue(p, String.class) : null;
	}

	private static long number(JsonParser p, DeserializationContext ctxt) {
		return (p.currentToken() != JsonToken.VALUE_NULL) ? ctxt.readValue(p, Long.class) : 0;
	}

	/** The text of a body kept as a JSON value: its bytes in the document. */
	private static String json(JsonParser p, DeserializationContext ctxt) {
		if (!p.currentToken().isStructStart()) {
			throw new IllegalArgumentException("A body kept as JSON is an object or an array, not " + p.currentToken());
		}
		long start = p.currentTokenLocation().getByteOffset();
		if (!(ctxt.getAttribute(SOURCE) instanceof byte[] source) || start < 0) {
			return ctxt.readTree(p).toString();
		}
		p.skipChildren();
		long end = p.currentLocation().getByteOffset();
		if (end > source.length || end - start < 2) {
			throw new IllegalArgumentException(
					"The parser's offsets [" + start + ", " + end + ") are not in the document");
		}
		return new String(source, (int) start, (int) (end - start), StandardCharsets.UTF_8);
	}

}
