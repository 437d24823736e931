package io.chronotrace.core.trace;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The hand-written streaming writer must give the bytes the databind mapper gives, for every
 * record of the model (bodies as strings: databind knows nothing of version 3's JSON bodies):
 * stored traces stay readable by any version, and a component added to the model without being
 * added to the writer fails {@link #everyComponentOfEveryRecordIsWrittenAsDatabindWritesIt}.
 */
class TraceJsonWriterTests {

	private static final Instant START = Instant.parse("2026-12-01T16:39:44.543629648Z");

	/** Text that every escaping rule of JSON applies to, and multi-byte UTF-8. */
	private static final String NASTY = "quote \" backslash \\ slash / nul \u0000 tab \t newline \n cr \r bell \u0007 "
			+ "esc \u001b del \u007f é ü ß 東京 \u2028 \u2029 emoji 😀 🇨🇭 </script><!-- -->";

	private final TraceCodec codec = TraceCodec.get();

	@TempDir
	Path temp;

	@Test
	void richTraceWithEveryEventTypeAndEveryField() throws IOException {
		Trace trace = TestTraces.full(START, this.temp);
		assertThat(trace.events()).extracting(Object::getClass)
			.containsAll(List.of(TraceEvent.class.getPermittedSubclasses()));
		assertSameAsDatabind(trace);
		assertSameAsDatabind(trace.summary());
		assertSameAsDatabind(TraceCodecTests.fullTrace());
		assertSameAsDatabind(TestTraces.trace(START));
	}

	@Test
	void optionalFieldsNull() throws IOException {
		TraceError error = new TraceError("java.lang.Error", null, List.of(), 0, null);
		List<TraceEvent> events = List.of(
				new DatabaseEvent(1, 2, "ok", null, "select 1", List.of(), 0, null, null, null),
				new HttpClientEvent(3, 4, "error", "WebClient", "GET", "http://x", null, null, null, 0, null, null, null,
						null),
				new CacheEvent(5, 6, "ok", "clear", "c", null), new JobEvent(7, 8, "ok", "j", null, 0, null),
				new LogEvent(9, 0, "ok", "INFO", "l", "m", null, null, null), new ExceptionEvent(10, 0, "error", error, true),
				new CustomEvent(11, 0, "ok", "n", null));
		Trace trace = new Trace(Trace.SCHEMA_VERSION, TraceId.create(START), START, 0, null,
				new TraceRequest("GET", "/", "/", null, null, null, null),
				new TraceResponse(204, null, new TraceBody(null, TraceBody.Encoding.OMITTED, null, null, null, 0, 0, false),
						0),
				null, events, 0, null, null);
		assertSameAsDatabind(trace);
		assertThat(json(trace)).doesNotContain("null").doesNotContain("application").doesNotContain("tracing");
		assertSameAsDatabind(new TraceSummary(trace.id(), START, 1, null, "GET", "/", 204, null, 0));
	}

	@Test
	void nullsInComponentsTheModelDoesNotCheckAreLeftOutAsDatabindLeavesThemOut() throws IOException {
		List<TraceEvent> events = List.of(new DatabaseEvent(1, 2, null, null, null, null, 0, null, null, null),
				new CacheEvent(5, 6, null, null, null, null), new CustomEvent(11, 0, null, null, Map.of()));
		Trace trace = new Trace(Trace.SCHEMA_VERSION, TraceId.create(START), START, 0, null,
				new TraceRequest("GET", "/", "/", null, Map.of(), new TraceBody(null, null, null, null, null, 0, 0, false),
						null),
				new TraceResponse(200, Map.of(), null, 0), new TraceError(null, null, null, 0, null), events, 0,
				new TracingContext(null, null), List.of());
		assertSameAsDatabind(trace);
	}

	@Test
	void emptyListsAndMaps() throws IOException {
		TraceError error = new TraceError("E", "m", List.of(), 0, null);
		List<TraceEvent> events = List.of(
				new DatabaseEvent(1, 2, "ok", "ds", "select 1", List.of(List.of()), 0, 0L, null, null),
				new HttpClientEvent(3, 4, "ok", "RestClient", "GET", "http://x", 200, Map.of(), null, 0,
						Map.of("Empty", List.of()), null, 0L, null),
				new LogEvent(9, 0, "ok", "INFO", "l", "", "", Map.of(), error),
				new CustomEvent(11, 0, "ok", "n", Map.of()));
		Trace trace = new Trace(Trace.SCHEMA_VERSION, TraceId.create(START), START, 0, "",
				new TraceRequest("GET", "", "", "", Map.of(), TraceBody.text("text/plain", "", "UTF-8", 0, 0), ""),
				new TraceResponse(200, Map.of(), null, 0), error, events, 0, null, List.of());
		assertSameAsDatabind(trace);
		assertSameAsDatabind(trace.withEvents(List.of(), 0));
	}

	@Test
	void stringsThatNeedEscapingEverywhere() throws IOException {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		headers.put(NASTY, List.of(NASTY, "plain"));
		headers.put("X-Second", List.of("a\"b"));
		TraceError error = new TraceError(NASTY, NASTY, List.of(NASTY), 1, new TraceError(NASTY, null, List.of(), 0, null));
		TraceBody body = TraceBody.text(NASTY, NASTY, NASTY, 10, 5);
		List<TraceEvent> events = List.of(
				new DatabaseEvent(1, 2, NASTY, NASTY, NASTY, List.of(List.of(NASTY, "")), 1, 1L, NASTY, 2),
				new HttpClientEvent(3, 4, NASTY, NASTY, NASTY, NASTY, 500, headers, body, 1, headers, body, 2L, NASTY),
				new CacheEvent(5, 6, NASTY, NASTY, NASTY, NASTY), new JobEvent(7, 8, NASTY, NASTY, NASTY, 1, error),
				new LogEvent(9, 0, NASTY, NASTY, NASTY, NASTY, NASTY, Map.of(NASTY, NASTY, "a", "1", "b", "2", "c", "3"), error),
				new ExceptionEvent(10, 0, NASTY, error, true), new CustomEvent(11, 0, NASTY, NASTY, Map.of(NASTY, NASTY, "x", "")));
		Trace trace = new Trace(Trace.SCHEMA_VERSION, TraceId.create(START), START, 1, NASTY,
				new TraceRequest(NASTY, NASTY, NASTY, NASTY, headers, body, NASTY),
				new TraceResponse(200, headers, body, 3), error, events, 0, new TracingContext(NASTY, NASTY), List.of());
		assertSameAsDatabind(trace);
		assertThat(json(trace)).contains("\\u0000").contains("東京").contains("😀");
		assertSameAsDatabind(new TraceSummary(trace.id(), START, 1, NASTY, NASTY, NASTY, 200, NASTY, 7));
	}

	@Test
	void longAsciiStringsWithEveryCharacterEscapedAsTheGeneratorEscapesThem() throws IOException {
		StringBuilder ascii = new StringBuilder();
		for (int round = 0; round < 3; round++) {
			for (char c = 0; c < 0x80; c++) {
				ascii.append(c);
			}
		}
		String longAscii = ascii.toString();
		String almostAscii = longAscii + "é";
		String loneSurrogate = longAscii + "?\uD800?";
		TraceBody body = TraceBody.text("application/json", longAscii, "UTF-8", longAscii.length(), longAscii.length());
		TraceBody other = TraceBody.text("text/plain", almostAscii, "UTF-8", 1, 1);
		Map<String, List<String>> headers = Map.of("X-Long", List.of(longAscii, almostAscii, loneSurrogate));
		Trace trace = TestTraces.trace(START);
		trace = trace.withExchange(trace.request().with(longAscii, longAscii, headers, body),
				trace.response().with(headers, other), null);
		byte[] json = assertSameAsDatabind(trace);
		assertThat(new String(json, java.nio.charset.StandardCharsets.UTF_8)).contains("\\u001F !\\\"#").contains("\\\\]^");
		assertThat(this.codec.readTrace(json)).isEqualTo(trace);
	}

	@Test
	void longNonAsciiStringsAreEscapedAsTheGeneratorEscapesThem() throws IOException {
		StringBuilder text = new StringBuilder();
		for (char c = 0; c < 0x80; c++) {
			text.append(c);
		}
		// one- to three-byte characters across their ranges' edges, and pairs that make four bytes
		for (int c : new int[] { 0x80, 0xA0, 0xE9, 0xFF, 0x100, 0x7FF, 0x800, 0x2028, 0x2029, 0x6771, 0xD7FF, 0xE000,
				0xFEFF, 0xFFFD, 0xFFFF, 0x10000, 0x1F600, 0x10FFFF }) {
			text.appendCodePoint(c).append("\"?\\");
		}
		String utf8 = text.toString();
		String loneHigh = utf8 + "?\uD83D?";
		String loneLow = utf8 + "\uDE00?";
		String reversedPair = utf8 + "\uDE00\uD83D?";
		TraceBody body = TraceBody.text("application/json", utf8, "UTF-8", utf8.length(), utf8.length());
		Map<String, List<String>> headers = Map.of("X-Long", List.of(utf8, loneHigh, loneLow, reversedPair));
		Trace trace = TestTraces.trace(START);
		trace = trace.withExchange(trace.request().with(utf8, utf8, headers, body),
				trace.response().with(headers, body), null);
		byte[] json = assertSameAsDatabind(trace);
		assertThat(new String(json, java.nio.charset.StandardCharsets.UTF_8)).contains("\\u001F !\\\"#")
			.contains("é\\\"?\\\\").contains("😀\\\"?\\\\");
		assertThat(this.codec.readTrace(json).request().body()).isEqualTo(body);
	}

	@Test
	void largeBody() throws IOException {
		StringBuilder text = new StringBuilder(1024 * 1024 + 100);
		for (int i = 0; text.length() < 1024 * 1024; i++) {
			text.append("{\"i\":").append(i).append(",\"city\":\"Zürich – 東京 😀\",\"path\":\"C:\\\\tmp\"}\n\t");
		}
		String content = text.toString();
		TraceBody body = TraceBody.text("application/json", content, "UTF-8", content.length(), content.length());
		Trace trace = TestTraces.trace(START);
		trace = trace.withExchange(trace.request().with(trace.request().url(), null, trace.request().headers(), body),
				trace.response().with(trace.response().headers(), body), null);
		byte[] json = assertSameAsDatabind(trace);
		assertThat(json.length).isGreaterThan(2 * 1024 * 1024);
		assertThat(this.codec.readTrace(json)).isEqualTo(trace);
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-12-01T16:39:44Z", "2026-12-01T16:39:00Z", "2026-12-01T16:39:44.500Z",
			"2026-12-01T16:39:44.543Z", "2026-12-01T16:39:44.543600Z", "2026-12-01T16:39:44.543629Z",
			"2026-12-01T16:39:44.543629640Z", "2026-12-01T16:39:44.543629648Z", "2026-12-01T16:39:44.000000001Z",
			"1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999999Z", "0001-01-01T00:00:00Z", "+12026-01-01T00:00:00Z",
			"-0001-06-01T12:00:00.500Z" })
	void instantsWithAnyNumberOfFractionalDigits(String text) throws IOException {
		Instant start = Instant.parse(text);
		Trace trace = TestTraces.builder(start).id(TraceId.parse("01a1fe6a-ff14-74e4-ab8a-495df7da3dc7")).build();
		assertSameAsDatabind(trace);
		assertSameAsDatabind(trace.summary());
		assertThat(json(trace)).contains("\"startTime\":\"" + text + "\"");
	}

	@Test
	void instantsOfAnyDayAndAnyPrecision() throws IOException {
		Random random = new Random(8);
		TraceId id = TraceId.parse("01a1fe6a-ff14-74e4-ab8a-495df7da3dc7");
		long min = Instant.parse("-0002-01-01T00:00:00Z").getEpochSecond();
		long max = Instant.parse("+10001-01-01T00:00:00Z").getEpochSecond();
		int[] units = { 1_000_000_000, 1_000_000, 1000, 1 };
		for (int i = 0; i < 20_000; i++) {
			long seconds = (i % 2 == 0) ? min + (long) (random.nextDouble() * (max - min))
					: 1_700_000_000L + random.nextInt(500_000_000);
			int unit = units[i % units.length];
			int nanos = (unit == 1_000_000_000) ? 0 : random.nextInt(1_000_000_000 / unit) * unit;
			Instant instant = Instant.ofEpochSecond(seconds, nanos);
			TraceSummary summary = new TraceSummary(id, instant, 1, null, "GET", "/", 200, null, 0);
			assertThat(this.codec.toBytes(summary)).as(instant.toString())
				.isEqualTo(this.codec.toBytesWithDatabind(summary));
		}
	}

	@Test
	void roundTripsThroughTheReader() throws IOException {
		Trace trace = TestTraces.full(START, this.temp);
		assertThat(trace.attachments()).isNotEmpty();
		assertThat(this.codec.readTrace(this.codec.toBytes(trace))).isEqualTo(trace.withoutAttachments());
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		this.codec.write(trace, out);
		assertThat(this.codec.readTrace(out.toByteArray())).isEqualTo(trace.withoutAttachments());
		assertThat(this.codec.readSummary(this.codec.toBytes(trace.summary()))).isEqualTo(trace.summary());
		Trace sample = (Trace) new Samples().of(Trace.class, new ArrayDeque<>());
		assertThat(this.codec.readTrace(this.codec.toBytes(sample))).isEqualTo(sample.withoutAttachments());
	}

	@Test
	void writingToAStreamLeavesItOpen() throws IOException {
		boolean[] closed = { false };
		ByteArrayOutputStream out = new ByteArrayOutputStream() {
			@Override
			public void close() {
				closed[0] = true;
			}
		};
		Trace trace = TestTraces.trace(START);
		this.codec.write(trace, out);
		this.codec.write(trace.summary(), out);
		assertThat(closed[0]).isFalse();
		assertThat(new String(out.toByteArray(), StandardCharsets.UTF_8))
			.isEqualTo(json(trace) + new String(this.codec.toBytes(trace.summary()), StandardCharsets.UTF_8));
	}

	/**
	 * The guard against model drift: every record reachable from {@link Trace} and
	 * {@link TraceSummary}, with every component set to a value that is not its default, must be
	 * written as databind writes it.
	 */
	@Test
	void everyComponentOfEveryRecordIsWrittenAsDatabindWritesIt() throws IOException {
		Set<Class<?>> records = modelRecords();
		assertThat(records).contains(Trace.class, TraceRequest.class, TraceResponse.class, TraceBody.class,
				TraceError.class, TracingContext.class, TraceSummary.class);
		assertThat(records).contains(TraceEvent.class.getPermittedSubclasses());
		Samples samples = new Samples();
		Trace trace = (Trace) samples.of(Trace.class, new ArrayDeque<>());
		TraceSummary summary = (TraceSummary) samples.of(TraceSummary.class, new ArrayDeque<>());
		String traceJson = new String(assertSameAsDatabind(trace), StandardCharsets.UTF_8);
		String summaryJson = new String(assertSameAsDatabind(summary), StandardCharsets.UTF_8);
		// the samples really set every component: each serialized one is in the JSON
		for (Class<?> type : records) {
			for (RecordComponent component : type.getRecordComponents()) {
				if (serialized(component)) {
					assertThat(type == TraceSummary.class ? summaryJson : traceJson).as(type.getSimpleName())
						.contains("\"" + component.getName() + "\":");
				}
			}
		}
		assertThat(traceJson).doesNotContain("null").doesNotContain("attachments");
		// and each event type is checked alone, so that a failure names it
		for (TraceEvent event : trace.events()) {
			assertSameAsDatabind(trace.withEvents(List.of(event), 0));
		}
	}

	private static Set<Class<?>> modelRecords() {
		Set<Class<?>> found = new LinkedHashSet<>();
		Deque<Class<?>> todo = new ArrayDeque<>(List.of(Trace.class, TraceSummary.class, TraceEvent.class));
		while (!todo.isEmpty()) {
			Class<?> type = todo.pop();
			if (type.isSealed()) {
				todo.addAll(Arrays.asList(type.getPermittedSubclasses()));
			}
			else if (type.isRecord() && found.add(type)) {
				for (RecordComponent component : type.getRecordComponents()) {
					if (serialized(component)) {
						addClasses(component.getGenericType(), todo);
					}
				}
			}
		}
		return found;
	}

	private static boolean serialized(RecordComponent component) {
		return !component.getAccessor().isAnnotationPresent(JsonIgnore.class);
	}

	private static void addClasses(Type type, Deque<Class<?>> todo) {
		if (type instanceof Class<?> c) {
			todo.add(c);
		}
		else if (type instanceof ParameterizedType parameterized) {
			for (Type argument : parameterized.getActualTypeArguments()) {
				addClasses(argument, todo);
			}
		}
	}

	private byte[] assertSameAsDatabind(Object value) throws IOException {
		byte[] expected = this.codec.toBytesWithDatabind(value);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] actual;
		if (value instanceof Trace trace) {
			// databind knows no versions: it writes every body as a string, as the text
			// form does
			actual = this.codec.toBytesWithBodiesAsText(trace);
			byte[] stored = this.codec.toBytes(trace);
			this.codec.write(trace, out);
			assertThat(out.toByteArray()).isEqualTo(stored);
			// the form with JSON bodies reads back as the same trace
			assertThat(this.codec.readTrace(stored)).isEqualTo(this.codec.readTrace(expected));
		}
		else {
			actual = this.codec.toBytes((TraceSummary) value);
			this.codec.write((TraceSummary) value, out);
			assertThat(out.toByteArray()).isEqualTo(expected);
		}
		assertThat(new String(actual, StandardCharsets.UTF_8)).isEqualTo(new String(expected, StandardCharsets.UTF_8));
		assertThat(actual).isEqualTo(expected);
		return actual;
	}

	private String json(Trace trace) {
		return new String(this.codec.toBytes(trace), StandardCharsets.UTF_8);
	}

	/**
	 * Builds instances of the model's records by reflection, every component set to a distinct
	 * value that is not its type's default; lists hold one element (one of each kind for a sealed
	 * element type), maps one entry. A component of a type it does not know fails the test, so
	 * that whoever adds one decides how to sample it.
	 */
	private static final class Samples {

		private int next = 1;

		Object of(Type type, Deque<Class<?>> path) {
			if (type instanceof ParameterizedType parameterized) {
				Class<?> raw = (Class<?>) parameterized.getRawType();
				Type[] arguments = parameterized.getActualTypeArguments();
				if (raw == List.class) {
					List<Object> list = new ArrayList<>();
					if (arguments[0] instanceof Class<?> element && element.isSealed()) {
						for (Class<?> kind : element.getPermittedSubclasses()) {
							list.add(of(kind, path));
						}
					}
					else {
						list.add(of(arguments[0], path));
					}
					return list;
				}
				if (raw == Map.class) {
					return Map.of(of(arguments[0], path), of(arguments[1], path));
				}
			}
			if (type instanceof Class<?> c) {
				return of(c, path);
			}
			return fail("No sample for %s at %s", type, path);
		}

		private Object of(Class<?> type, Deque<Class<?>> path) {
			int n = this.next++;
			if (type == String.class) {
				// valid as an attachment name too
				return "v" + n;
			}
			if (type == int.class || type == Integer.class) {
				return n;
			}
			if (type == long.class || type == Long.class) {
				return 10_000_000_000L + n;
			}
			if (type == boolean.class || type == Boolean.class) {
				return true;
			}
			if (type == Instant.class) {
				return START.plusSeconds(n);
			}
			if (type == TraceId.class) {
				return TraceId.create(START.plusSeconds(n));
			}
			if (type == Path.class) {
				return Path.of("sample-" + n);
			}
			if (type.isEnum()) {
				Object[] constants = type.getEnumConstants();
				return constants[n % (constants.length - 1) + 1];
			}
			if (type.isRecord()) {
				return record(type, path);
			}
			return fail("No sample for %s at %s", type, path);
		}

		private Object record(Class<?> type, Deque<Class<?>> path) {
			if (path.stream().filter(type::equals).count() > 1) {
				// a record that holds itself (an error's cause): one level is set, the next ends the chain
				return null;
			}
			path.push(type);
			try {
				RecordComponent[] components = type.getRecordComponents();
				Object[] values = new Object[components.length];
				Class<?>[] types = new Class<?>[components.length];
				for (int i = 0; i < components.length; i++) {
					values[i] = of(components[i].getGenericType(), path);
					types[i] = components[i].getType();
				}
				Constructor<?> constructor = type.getDeclaredConstructor(types);
				return constructor.newInstance(values);
			}
			catch (ReflectiveOperationException ex) {
				return fail("Cannot build a " + type.getSimpleName(), ex);
			}
			finally {
				path.pop();
			}
		}

	}

}
