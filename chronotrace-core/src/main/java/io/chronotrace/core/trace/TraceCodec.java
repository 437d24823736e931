package io.chronotrace.core.trace;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Consumer;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonEncoding;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.util.BufferRecycler;
import tools.jackson.core.util.ByteArrayBuilder;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes traces and summaries as JSON, the format of {@code trace.json} and
 * {@code metadata.json} (see {@code docs/trace-format.md}).
 * <p>
 * Unknown fields are ignored when reading, so a trace written by a newer version stays
 * readable. Thread-safe; one shared instance is enough.
 */
public final class TraceCodec {

	private static final TraceCodec INSTANCE = new TraceCodec();

	private final JsonMapper mapper;

	private TraceCodec() {
		this.mapper = JsonMapper.builder()
			.changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
			.build();
	}

	/**
	 * The shared codec.
	 * @return the codec
	 */
	public static TraceCodec get() {
		return INSTANCE;
	}

	/**
	 * Writes a trace as JSON. The stream is not closed.
	 * @param trace the trace
	 * @param out the stream
	 * @throws IOException when the stream fails
	 */
	public void write(Trace trace, OutputStream out) throws IOException {
		write((gen) -> TraceJsonWriter.write(trace, gen, true), out);
	}

	/**
	 * Writes a summary as JSON. The stream is not closed.
	 * @param summary the summary
	 * @param out the stream
	 * @throws IOException when the stream fails
	 */
	public void write(TraceSummary summary, OutputStream out) throws IOException {
		write((gen) -> TraceJsonWriter.write(summary, gen), out);
	}

	/**
	 * The JSON of a trace.
	 * @param trace the trace
	 * @return UTF-8 JSON
	 */
	public byte[] toBytes(Trace trace) {
		return toBytes((gen) -> TraceJsonWriter.write(trace, gen, true));
	}

	/**
	 * The JSON of a trace with every body as a string, as version 2 wrote them, for a
	 * document another tool re-formats (the recording an isolated test embeds): a body
	 * kept as a JSON value would be re-spelled by it, and replay resends bodies as
	 * recorded. It reads back as the same trace.
	 * @param trace the trace
	 * @return UTF-8 JSON
	 */
	public byte[] toBytesWithBodiesAsText(Trace trace) {
		return toBytes((gen) -> TraceJsonWriter.write(trace, gen, false));
	}

	/**
	 * The JSON of a summary.
	 * @param summary the summary
	 * @return UTF-8 JSON
	 */
	public byte[] toBytes(TraceSummary summary) {
		return toBytes((gen) -> TraceJsonWriter.write(summary, gen));
	}

	/**
	 * Reads a trace.
	 * @param in the JSON; not closed
	 * @return the trace
	 * @throws TraceFormatException when the content is not a trace
	 * @throws IOException when the stream fails
	 */
	public Trace readTrace(InputStream in) throws IOException {
		// whole, since a body kept as a JSON value is read as its bytes in the document
		return readTrace(in.readAllBytes());
	}

	/**
	 * Reads a summary.
	 * @param in the JSON; not closed
	 * @return the summary
	 * @throws TraceFormatException when the content is not a summary
	 * @throws IOException when the stream fails
	 */
	public TraceSummary readSummary(InputStream in) throws IOException {
		return read(in, TraceSummary.class);
	}

	/**
	 * Reads a trace from bytes.
	 * @param json the JSON
	 * @return the trace
	 * @throws TraceFormatException when the content is not a trace
	 */
	public Trace readTrace(byte[] json) {
		try {
			// a reader made here, not in the constructor: making one builds the deserializers of the
			// whole model, which the first trace written, by the codec's first use, would wait for
			ObjectReader reader = this.mapper.readerFor(Trace.class);
			return checked(reader.withAttribute(TraceBodyDeserializer.SOURCE, json).readValue(json));
		}
		catch (JacksonException | IllegalArgumentException | NullPointerException ex) {
			throw new TraceFormatException("Not a ChronoTrace trace: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Reads a summary from bytes.
	 * @param json the JSON
	 * @return the summary
	 * @throws TraceFormatException when the content is not a summary
	 */
	public TraceSummary readSummary(byte[] json) {
		try {
			return checked(this.mapper.readValue(json, TraceSummary.class));
		}
		catch (JacksonException | IllegalArgumentException | NullPointerException ex) {
			throw new TraceFormatException("Not a ChronoTrace trace summary: " + ex.getMessage(), ex);
		}
	}

	// Writing goes through TraceJsonWriter rather than databind: the same bytes for less CPU, and
	// every recorded request is written. The generator is the mapper's, with its settings.

	private void write(Consumer<JsonGenerator> writer, OutputStream out) throws IOException {
		try (JsonGenerator gen = this.mapper.createGenerator(new NonClosingOutputStream(out), JsonEncoding.UTF8)) {
			writer.accept(gen);
		}
		catch (JacksonException ex) {
			if (ex.getCause() instanceof IOException io) {
				throw io;
			}
			throw ex;
		}
	}

	private byte[] toBytes(Consumer<JsonGenerator> writer) {
		// as databind's writeValueAsBytes: the buffer comes from, and goes back to, Jackson's pool
		BufferRecycler recycler = this.mapper.tokenStreamFactory()._getBufferRecycler();
		try (ByteArrayBuilder bytes = new ByteArrayBuilder(recycler)) {
			try (JsonGenerator gen = this.mapper.createGenerator(bytes, JsonEncoding.UTF8)) {
				writer.accept(gen);
			}
			return bytes.getClearAndRelease();
		}
		finally {
			recycler.releaseToPool();
		}
	}

	/**
	 * The JSON of a trace or a summary as the databind mapper writes it, which
	 * {@link TraceJsonWriter} must equal; for tests.
	 * @param value the trace or summary
	 * @return UTF-8 JSON
	 */
	byte[] toBytesWithDatabind(Object value) {
		return this.mapper.writeValueAsBytes(value);
	}

	private <T> T read(InputStream in, Class<T> type) throws IOException {
		try {
			return checked(this.mapper.readValue(new NonClosingInputStream(in), type));
		}
		catch (JacksonException ex) {
			if (ex.getCause() instanceof IOException io) {
				throw io;
			}
			throw new TraceFormatException("Not a ChronoTrace " + type.getSimpleName() + ": " + ex.getOriginalMessage(),
					ex);
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new TraceFormatException("Not a ChronoTrace " + type.getSimpleName() + ": " + ex.getMessage(), ex);
		}
	}

	private static <T> T checked(T value) {
		if (value == null) {
			throw new TraceFormatException("Not a ChronoTrace document: empty JSON", null);
		}
		return value;
	}

	private static final class NonClosingOutputStream extends java.io.FilterOutputStream {

		NonClosingOutputStream(OutputStream out) {
			super(out);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			this.out.write(b, off, len);
		}

		@Override
		public void close() throws IOException {
			flush();
		}

	}

	private static final class NonClosingInputStream extends java.io.FilterInputStream {

		NonClosingInputStream(InputStream in) {
			super(in);
		}

		@Override
		public void close() {
		}

	}

}
