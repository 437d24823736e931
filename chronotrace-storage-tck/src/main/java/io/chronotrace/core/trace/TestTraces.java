package io.chronotrace.core.trace;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.jspecify.annotations.Nullable;

/**
 * Realistic traces for tests, shared with other modules through the test-jar.
 * <p>
 * {@link #trace(Instant)} gives a plain {@code GET /api/orders/42} answered {@code 200} in 12 ms;
 * {@link #builder(Instant)} changes what a test cares about; {@link #full(Instant, Path)} fills
 * every field of the model, with an attachment. Ids are time-ordered ({@link TraceId#create}),
 * as recorded traces have, unless a test sets another.
 */
public final class TestTraces {

	private TestTraces() {
	}

	/**
	 * A typical trace.
	 * @param start the request start
	 * @return the trace
	 */
	public static Trace trace(Instant start) {
		return builder(start).build();
	}

	/**
	 * A typical trace with another status.
	 * @param start the request start
	 * @param status the response status
	 * @return the trace
	 */
	public static Trace trace(Instant start, int status) {
		return builder(start).status(status).build();
	}

	/**
	 * A builder of a typical trace.
	 * @param start the request start
	 * @return the builder
	 */
	public static Builder builder(Instant start) {
		return new Builder(start);
	}

	/**
	 * A trace with every field set: multi-valued headers, a text request body, a base64
	 * response body, a request body kept as an attachment (written to a file in
	 * {@code attachmentDir}), one event of each type, an exception with a cause, the tracing
	 * context and a count of dropped events.
	 * @param start the request start
	 * @param attachmentDir where the attachment's temporary file goes
	 * @return the trace
	 */
	public static Trace full(Instant start, Path attachmentDir) {
		byte[] upload = ("{\"items\":[" + "{\"sku\":\"A-1\",\"qty\":2},".repeat(200) + "{}]}")
			.getBytes(StandardCharsets.UTF_8);
		TraceAttachment attachment = attachment(attachmentDir, "request-body", upload);
		Map<String, List<String>> requestHeaders = new LinkedHashMap<>();
		requestHeaders.put("Host", List.of("shop.example.com"));
		requestHeaders.put("Accept", List.of("application/json", "text/plain;q=0.5"));
		requestHeaders.put("X-Request-Id", List.of("r-1"));
		TraceRequest request = new TraceRequest("POST", "https://shop.example.com/api/orders?dry=true", "/api/orders",
				"dry=true", requestHeaders, attachmentBody("application/json", attachment), "10.0.0.7");
		byte[] png = { (byte) 0x89, 'P', 'N', 'G', 0, 1, 2, (byte) 0xff };
		TraceBody responseBody = new TraceBody("image/png", TraceBody.Encoding.BASE64,
				Base64.getEncoder().encodeToString(png), null, null, png.length, png.length, false);
		TraceResponse response = new TraceResponse(500,
				Map.of("Content-Type", List.of("image/png"), "Set-Cookie", List.of("a=1", "b=2")), responseBody,
				png.length);
		TraceError cause = new TraceError("java.sql.SQLException", "connection reset",
				List.of("org.h2.Driver.connect(Driver.java:59)"), 0, null);
		TraceError exception = new TraceError("java.lang.IllegalStateException", "order failed",
				List.of("com.example.OrderService.place(OrderService.java:42)",
						"com.example.OrderController.create(OrderController.java:17)"),
				31, cause);
		return new Trace(Trace.SCHEMA_VERSION, TraceId.create(start), start, 187_654, "shop", request, response,
				exception, everyEventType(exception), 3, new TracingContext("4bf92f3577b34da6a3ce929d0e0e4736",
						"00f067aa0ba902b7"),
				List.of(attachment));
	}

	/**
	 * One event of each type, in the order they happen.
	 * @param error the error that the failing events carry
	 * @return the events
	 */
	public static List<TraceEvent> everyEventType(TraceError error) {
		List<TraceEvent> events = new ArrayList<>();
		events.add(new DatabaseEvent(1_200, 3_400, TraceEvent.OK, "dataSource",
				"insert into orders (id, customer) values (?, ?)", List.of(List.of("1", "alice"), List.of("2", "bob")),
				2, 2L, null, null));
		events.add(new DatabaseEvent(5_000, 800, TraceEvent.OK, "dataSource", "select * from items where order_id = ?",
				List.of(List.of("1")), 0, 3L, null, 12));
		events.add(new DatabaseEvent(5_900, 700, TraceEvent.OK, "dataSource",
				"select id, name, price from product where id = ?", List.of(List.of("1")), 0, 1L, null, null,
				new SqlResult(
						List.of(new SqlColumn("id", null, java.sql.Types.BIGINT, "int8", "java.lang.Long", null),
								new SqlColumn("name", null, java.sql.Types.VARCHAR, "varchar", "java.lang.String", null),
								new SqlColumn("price", null, java.sql.Types.NUMERIC, "numeric", "java.math.BigDecimal",
										null),
								new SqlColumn("picture", null, java.sql.Types.BLOB, "oid", "java.sql.Blob", true)),
						List.of(java.util.Arrays.asList("1", "Espresso beans", "24.90", null)), null, List.of()),
				null, null, null));
		events.add(new DatabaseEvent(6_700, 300, TraceEvent.ERROR, "dataSource",
				"insert into product (id, name) values (?, ?)", List.of(List.of("1", "Espresso beans")), 0, null,
				"duplicate key", null, null, null, null,
				new SqlFailure("org.postgresql.util.PSQLException", "23505", 0, "duplicate key")));
		events.add(new DatabaseEvent(6_900, 300, TraceEvent.OK, "dataSource", "insert into orders (total) values (?)",
				List.of(List.of("24.90")), 0, 1L, null, null, null, List.of(1L),
				new SqlResult(List.of(new SqlColumn("id", null, java.sql.Types.BIGINT, "int8", "java.lang.Long", null)),
						List.of(List.of("42")), null, List.of()),
				null));
		events.add(new HttpClientEvent(7_000, 45_000, TraceEvent.OK, "RestClient", "POST",
				"https://payments.example.com/charges", 201, Map.of("Content-Type", List.of("application/json")),
				TraceBody.text("application/json", "{\"amount\":12.5}", "UTF-8", 15, 15), 15,
				Map.of("Location", List.of("/charges/9")), TraceBody.text("application/json", "{\"id\":9}", "UTF-8", 8, 8),
				8L, null));
		events.add(new CacheEvent(60_000, 40, CacheEvent.MISS, "get", "prices", "sku:A-1"));
		events.add(new CacheEvent(60_100, 25, TraceEvent.OK, "clear", "prices", null));
		events.add(new JobEvent(61_000, 9_000, TraceEvent.ERROR, "OrderMailer.send", "task-1", 350, error));
		events.add(new LogEvent(70_000, 0, TraceEvent.ERROR, "ERROR", "com.example.OrderService", "order failed",
				"http-nio-8080-exec-1", Map.of("user", "alice"), error));
		events.add(new ExceptionEvent(70_500, 0, TraceEvent.ERROR, error, false));
		events.add(new CustomEvent(71_000, 10, TraceEvent.OK, "checkout.step", Map.of("step", "payment")));
		return events;
	}

	/**
	 * Writes an attachment's temporary file.
	 * @param dir the directory of the file
	 * @param name the attachment name
	 * @param content the content
	 * @return the attachment
	 */
	public static TraceAttachment attachment(Path dir, String name, byte[] content) {
		try {
			Path file = Files.createTempFile(dir, name, ".tmp");
			Files.write(file, content);
			return new TraceAttachment(name, file, content.length);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Writes a large attachment's temporary file without holding it in memory: pseudo-random
	 * bytes from a seed, so that a test can regenerate and compare them.
	 * @param dir the directory of the file
	 * @param name the attachment name
	 * @param size the size in bytes
	 * @param seed the seed of the content
	 * @return the attachment
	 */
	public static TraceAttachment largeAttachment(Path dir, String name, long size, long seed) {
		try {
			Path file = Files.createTempFile(dir, name, ".tmp");
			Random random = new Random(seed);
			byte[] chunk = new byte[64 * 1024];
			try (OutputStream out = Files.newOutputStream(file)) {
				for (long written = 0; written < size; written += chunk.length) {
					random.nextBytes(chunk);
					out.write(chunk, 0, (int) Math.min(chunk.length, size - written));
				}
			}
			return new TraceAttachment(name, file, size);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The body that points at an attachment.
	 * @param contentType the content type
	 * @param attachment the attachment
	 * @return the body
	 */
	public static TraceBody attachmentBody(@Nullable String contentType, TraceAttachment attachment) {
		return new TraceBody(contentType, TraceBody.Encoding.ATTACHMENT, null, attachment.name(), null,
				attachment.size(), attachment.size(), false);
	}

	/**
	 * A copy of a trace whose response body is kept in an attachment.
	 * @param trace the trace
	 * @param attachment the attachment
	 * @return the copy
	 */
	public static Trace withResponseAttachment(Trace trace, TraceAttachment attachment) {
		List<TraceAttachment> attachments = new ArrayList<>(trace.attachments());
		attachments.add(attachment);
		TraceResponse response = trace.response()
			.with(trace.response().headers(), attachmentBody("application/octet-stream", attachment));
		return new Trace(trace.schemaVersion(), trace.id(), trace.startTime(), trace.durationMicros(),
				trace.application(), trace.request(), response, trace.exception(), trace.events(),
				trace.droppedEvents(), trace.tracing(), attachments);
	}

	/** Builds a typical trace, changing only what a test sets. */
	public static final class Builder {

		private final Instant start;

		private @Nullable TraceId id;

		private String method = "GET";

		private String path = "/api/orders/42";

		private int status = 200;

		private Duration duration = Duration.ofMillis(12);

		private @Nullable List<TraceEvent> events;

		private final List<TraceAttachment> attachments = new ArrayList<>();

		private TraceOrigins.Origin origin = new TraceOrigins.Origin(TraceOrigin.REQUEST, null);

		private Builder(Instant start) {
			this.start = start;
		}

		public Builder id(TraceId id) {
			this.id = id;
			return this;
		}

		public Builder method(String method) {
			this.method = method;
			return this;
		}

		public Builder path(String path) {
			this.path = path;
			return this;
		}

		public Builder status(int status) {
			this.status = status;
			return this;
		}

		public Builder duration(Duration duration) {
			this.duration = duration;
			return this;
		}

		public Builder events(List<TraceEvent> events) {
			this.events = events;
			return this;
		}

		public Builder attachment(TraceAttachment attachment) {
			this.attachments.add(attachment);
			return this;
		}

		/**
		 * Makes the trace one of another origin, with the marker ChronoTrace records for it
		 * ({@link TraceOrigins}).
		 * @param origin the origin
		 * @param related the related trace
		 * @return this builder
		 */
		public Builder origin(TraceOrigin origin, TraceId related) {
			this.origin = new TraceOrigins.Origin(origin, related);
			return this;
		}

		public Trace build() {
			TraceId traceId = (this.id != null) ? this.id : TraceId.create(this.start);
			Map<String, List<String>> headers = new LinkedHashMap<>();
			headers.put("Accept", List.of("application/json"));
			headers.putAll(TraceOrigins.markerHeaders(this.origin));
			TraceRequest request = new TraceRequest(this.method, "http://localhost:8080" + this.path, this.path, null,
					headers, null, "127.0.0.1");
			String json = "{\"id\":42,\"status\":\"" + this.status + "\"}";
			TraceResponse response = new TraceResponse(this.status, Map.of("Content-Type", List.of("application/json")),
					TraceBody.text("application/json", json, "UTF-8", json.length(), json.length()), json.length());
			List<TraceEvent> traceEvents = new ArrayList<>(TraceOrigins.markerEvents(this.origin));
			traceEvents.addAll((this.events != null) ? this.events
					: List.of(new DatabaseEvent(500, 1_500, TraceEvent.OK, "dataSource",
							"select * from orders where id = ?", List.of(List.of("42")), 0, 1L, null, null)));
			TraceError exception = (this.status >= 500)
					? new TraceError("java.lang.IllegalStateException", "failed", List.of(), 0, null) : null;
			return new Trace(Trace.SCHEMA_VERSION, traceId, this.start, this.duration.toNanos() / 1000, "shop", request,
					response, exception, traceEvents, 0, null, this.attachments);
		}

	}

}
