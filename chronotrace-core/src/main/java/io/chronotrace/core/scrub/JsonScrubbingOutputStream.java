package io.chronotrace.core.scrub;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonEncoding;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.async.ByteArrayFeeder;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.json.JsonFactory;

/**
 * Scrubs a UTF-8 JSON body as it is written, parsing it once: bytes are fed to Jackson's
 * non-blocking parser as they arrive and its tokens copied to a generator on the target. The
 * value of a property whose name matches a key (a scalar, or a whole object or array) becomes
 * the string {@code "[SCRUBBED]"}, at any depth; strings, property names and long integers are
 * scrubbed with the value patterns. The output is compact JSON.
 * <p>
 * On malformed JSON, what was written stays, the marker follows it and the rest is dropped:
 * nothing that was not parsed is ever passed on. A body cut short (by the capture limit)
 * simply ends where its last complete token did.
 */
final class JsonScrubbingOutputStream extends ScrubbingOutputStream {

	private static final JsonFactory FACTORY = JsonFactory.builder()
		.disable(StreamWriteFeature.AUTO_CLOSE_CONTENT)
		.disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
		.build();

	private static final byte[] FAILURE_MARK = (" " + ScrubRules.MARKER).getBytes(StandardCharsets.US_ASCII);

	/** Integers shorter than this cannot hold a card number; the patterns skip them. */
	private static final int MIN_SCRUBBED_INTEGER = 13;

	private final ScrubRules rules;

	private final TextMatcher values;

	private final OutputStream target;

	private final JsonParser parser;

	private final ByteArrayFeeder feeder;

	private final JsonGenerator generator;

	private final MatchRanges ranges = new MatchRanges();

	private final byte[] single = new byte[1];

	/** Whether the next value belongs to a secret property. */
	private boolean secretValue;

	/** Depth inside a secret object or array being skipped; 0 when not skipping. */
	private int skipDepth;

	private boolean failed;

	JsonScrubbingOutputStream(OutputStream target, ScrubRules rules) {
		this.rules = rules;
		this.values = rules.valueMatcher();
		this.target = target;
		this.parser = FACTORY.createNonBlockingByteArrayParser(ObjectReadContext.empty());
		this.feeder = (ByteArrayFeeder) this.parser.nonBlockingInputFeeder();
		this.generator = FACTORY.createGenerator(ObjectWriteContext.empty(), target, JsonEncoding.UTF8);
	}

	@Override
	public void write(int b) throws IOException {
		this.single[0] = (byte) b;
		write(this.single, 0, 1);
	}

	@Override
	public void write(byte[] bytes, int offset, int length) throws IOException {
		if (isClosed()) {
			throw new IOException("Stream closed");
		}
		if (this.failed || length == 0) {
			return;
		}
		try {
			this.feeder.feedInput(bytes, offset, offset + length);
			copyAvailableTokens();
		}
		catch (JacksonIOException ex) {
			throw ex.getCause();
		}
		catch (JacksonException ex) {
			fail();
		}
	}

	private void copyAvailableTokens() {
		JsonToken token;
		while ((token = this.parser.nextToken()) != null && token != JsonToken.NOT_AVAILABLE) {
			copy(token);
		}
	}

	private void copy(JsonToken token) {
		if (this.skipDepth > 0) {
			if (token.isStructStart()) {
				this.skipDepth++;
			}
			else if (token.isStructEnd()) {
				this.skipDepth--;
			}
			return;
		}
		if (this.secretValue) {
			this.secretValue = false;
			this.generator.writeString(ScrubRules.MARKER);
			if (token.isStructStart()) {
				this.skipDepth = 1;
			}
			return;
		}
		switch (token) {
			case START_OBJECT -> this.generator.writeStartObject();
			case END_OBJECT -> this.generator.writeEndObject();
			case START_ARRAY -> this.generator.writeStartArray();
			case END_ARRAY -> this.generator.writeEndArray();
			case PROPERTY_NAME -> copyName(this.parser.currentName());
			case VALUE_STRING -> copyString();
			case VALUE_NUMBER_INT -> copyInteger();
			case VALUE_NUMBER_FLOAT -> this.generator.writeNumber(this.parser.getTextCharacters(),
					this.parser.getTextOffset(), this.parser.getTextLength());
			case VALUE_TRUE -> this.generator.writeBoolean(true);
			case VALUE_FALSE -> this.generator.writeBoolean(false);
			case VALUE_NULL -> this.generator.writeNull();
			default -> throw new IllegalStateException("Unexpected JSON token " + token);
		}
	}

	private void copyName(String name) {
		ScrubRules.Name judged = this.rules.name(name);
		this.secretValue = judged.secret();
		this.generator.writeName(judged.scrubbed());
	}

	private void copyString() {
		char[] chars = this.parser.getStringCharacters();
		int offset = this.parser.getStringOffset();
		int length = this.parser.getStringLength();
		this.ranges.clear();
		this.values.find(chars, offset, offset + length, this.ranges);
		if (this.ranges.isEmpty()) {
			this.generator.writeString(chars, offset, length);
		}
		else {
			this.generator.writeString(this.ranges.replace(chars, offset, offset + length));
		}
	}

	private void copyInteger() {
		char[] chars = this.parser.getTextCharacters();
		int offset = this.parser.getTextOffset();
		int length = this.parser.getTextLength();
		if (length >= MIN_SCRUBBED_INTEGER) {
			this.ranges.clear();
			this.values.find(chars, offset, offset + length, this.ranges);
			if (!this.ranges.isEmpty()) {
				this.generator.writeString(ScrubRules.MARKER);
				return;
			}
		}
		this.generator.writeNumber(chars, offset, length);
	}

	/** Keeps what was written, marks the cut and drops the rest. */
	private void fail() throws IOException {
		this.failed = true;
		try {
			this.generator.flush();
		}
		catch (JacksonException ex) {
			// the marker still goes to the target
		}
		this.target.write(FAILURE_MARK);
	}

	@Override
	public void flush() throws IOException {
		if (!this.failed && !isClosed()) {
			this.generator.flush();
		}
	}

	@Override
	void finish() throws IOException {
		if (this.failed) {
			return;
		}
		try {
			this.feeder.endOfInput();
			copyAvailableTokens();
		}
		catch (JacksonIOException ex) {
			throw ex.getCause();
		}
		catch (JacksonException ex) {
			// cut short: the incomplete token was never written, which is all there is to do
		}
	}

	@Override
	void closeTarget() throws IOException {
		try {
			this.parser.close();
			this.generator.close();
		}
		finally {
			this.target.close();
		}
	}

}
