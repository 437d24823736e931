package io.chronotrace.core.scrub;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.chronotrace.core.trace.CacheEvent;
import io.chronotrace.core.trace.CustomEvent;
import io.chronotrace.core.trace.DatabaseEvent;
import io.chronotrace.core.trace.ExceptionEvent;
import io.chronotrace.core.trace.HttpClientEvent;
import io.chronotrace.core.trace.JobEvent;
import io.chronotrace.core.trace.LogEvent;
import io.chronotrace.core.trace.SqlColumn;
import io.chronotrace.core.trace.SqlFailure;
import io.chronotrace.core.trace.SqlResult;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceBody;
import io.chronotrace.core.trace.TraceCodec;
import io.chronotrace.core.trace.TraceError;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.trace.TraceRequest;
import io.chronotrace.core.trace.TraceResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DefaultTraceScrubberTests {

	private static final List<String> SECRETS = List.of("hunter2", "eyJhbGciOiJIUzI1NiJ9.payload.sig", "q-token-123",
			"abc123sess", "alice@example.com", "4111", "svc-pass-1", "ak-999", "bob@example.org", "pw-secret-9",
			"db-pass-1", "ak-777", "carol@example.net", "dave@example.com", "job-token-5", "refresh-77", "mdc-sess-1",
			"frank@example.com", "ssn-in-sql", "erin@example.com", "cause-key-3", "path-sess-4", "out-sess-5",
			"row-pass-1", "grace@example.com", "key-token-2", "heidi@example.com");

	private final DefaultTraceScrubber scrubber = new DefaultTraceScrubber(ScrubRules.defaults());

	private final Trace original = traceFullOfSecrets();

	@Test
	void noSecretIsLeftAnywhereInTheStoredTrace() {
		byte[] stored = TraceCodec.get().toBytes(this.scrubber.scrub(this.original));
		String json = new String(stored, StandardCharsets.UTF_8);
		for (String secret : SECRETS) {
			assertThat(json).as(secret).doesNotContain(secret);
		}
	}

	@Test
	void requestAndResponseHeadersUrlAndQueryAreScrubbedAndTheRestKept() {
		Trace scrubbed = this.scrubber.scrub(this.original);
		TraceRequest request = scrubbed.request();
		assertThat(request.url())
			.isEqualTo("https://shop.example.com/users/[SCRUBBED]/orders;jsessionid=[SCRUBBED]?token=[SCRUBBED]&page=2");
		assertThat(request.query()).isEqualTo("token=[SCRUBBED]&page=2");
		assertThat(request.path()).isEqualTo("/users/[SCRUBBED]/orders;jsessionid=[SCRUBBED]");
		assertThat(request.headers()).containsEntry("Authorization", List.of("Bearer [SCRUBBED]"))
			.containsEntry("Cookie", List.of("[SCRUBBED]"))
			.containsEntry("X-Api-Key", List.of("[SCRUBBED]"))
			.containsEntry("Accept", List.of("application/json"))
			.containsEntry("Referer", List.of("https://shop.example.com/?refresh_token=[SCRUBBED]"));
		assertThat(request.body()).as("captured bodies are not parsed again").isSameAs(this.original.request().body());
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.remoteAddress()).isEqualTo("10.0.0.1");
		assertThat(scrubbed.response().headers()).containsEntry("Set-Cookie", List.of("[SCRUBBED]", "[SCRUBBED]"))
			.containsEntry("Content-Type", List.of("application/json"));
		assertThat(scrubbed.response().status()).isEqualTo(500);
		assertThat(scrubbed.exception().message()).isEqualTo("Login failed for [SCRUBBED]: password=[SCRUBBED]");
		assertThat(scrubbed.exception().cause().message()).isEqualTo("bad api_key=[SCRUBBED]");
		assertThat(scrubbed.exception().stackTrace()).isEqualTo(this.original.exception().stackTrace());
		assertThat(scrubbed.id()).isEqualTo(this.original.id());
		assertThat(scrubbed.droppedEvents()).isEqualTo(3);
	}

	@Test
	void eventsAreScrubbedFieldByField() {
		Trace scrubbed = this.scrubber.scrub(this.original);
		DatabaseEvent database = (DatabaseEvent) scrubbed.events().get(0);
		assertThat(database.sql()).isEqualTo("update users set password = ?, ssn = '[SCRUBBED]', name = ? where id = ?");
		assertThat(database.parameters()).containsExactly(List.of("[SCRUBBED]", "Bob", "7"),
				List.of("[SCRUBBED]", "[SCRUBBED]", "8"));
		assertThat(database.error()).isEqualTo("duplicate key for email=[SCRUBBED]");
		assertThat(database.rows()).isEqualTo(2L);
		HttpClientEvent http = (HttpClientEvent) scrubbed.events().get(1);
		assertThat(http.url())
			.isEqualTo("https://svc:[SCRUBBED]@api.example.com/v1;jsessionid=[SCRUBBED]?api_key=[SCRUBBED]&page=2");
		assertThat(http.requestHeaders()).containsEntry("Authorization", List.of("Basic [SCRUBBED]"));
		assertThat(http.requestBody().content()).isEqualTo("name=Bob&cardNumber=[SCRUBBED]&password=[SCRUBBED]");
		assertThat(http.responseBody().content()).isEqualTo("{\"accessToken\": \"[SCRUBBED]\", \"expires\": 3600}");
		LogEvent log = (LogEvent) scrubbed.events().get(2);
		assertThat(log.message()).isEqualTo("Signed in [SCRUBBED] with session=[SCRUBBED]");
		assertThat(log.mdc()).containsEntry("sessionId", "[SCRUBBED]").containsEntry("user", "[SCRUBBED]")
			.containsEntry("requestId", "r-1");
		assertThat(log.error().message()).isEqualTo("token: [SCRUBBED]");
		CustomEvent custom = (CustomEvent) scrubbed.events().get(3);
		assertThat(custom.attributes()).containsEntry("apiKey", "[SCRUBBED]")
			.containsEntry("note", "for [SCRUBBED]")
			.containsEntry("plan", "gold");
		assertThat(((CacheEvent) scrubbed.events().get(4)).key()).isEqualTo("user:[SCRUBBED]");
		assertThat(((JobEvent) scrubbed.events().get(5)).error().message()).isEqualTo("secret=[SCRUBBED] rejected");
		assertThat(((ExceptionEvent) scrubbed.events().get(6)).error().message()).isEqualTo("no user [SCRUBBED]");
	}

	@Test
	void recordedRowsAreScrubbedByColumnNameAndTheEventNamesTheColumns() {
		Trace scrubbed = this.scrubber.scrub(this.original);
		DatabaseEvent query = (DatabaseEvent) scrubbed.events().get(7);
		assertThat(query.result().rows()).containsExactly(List.of("1", "[SCRUBBED]", "[SCRUBBED]", "Grace"),
				java.util.Arrays.asList("2", null, "[SCRUBBED]", "written to [SCRUBBED]"));
		assertThat(query.result().scrubbedColumns()).as("by label").containsExactly("password", "k");
		assertThat(query.result().columns()).isEqualTo(this.original.events().get(7) instanceof DatabaseEvent event
				? event.result().columns() : null);
		assertThat(query.result().cut()).isEqualTo("chronotrace.capture.sql-result-rows");
		assertThat(query.generatedKeys().rows()).containsExactly(List.of("[SCRUBBED]"));
		assertThat(query.generatedKeys().scrubbedColumns()).containsExactly("token");
		assertThat(query.failure()).isEqualTo(new SqlFailure("org.postgresql.util.PSQLException", "23505", 0,
				"duplicate key value (email)=([SCRUBBED])"));
		assertThat(query.updateCounts()).containsExactly(1L);
	}

	@Test
	void traceWithoutSecretsComesBackEqual() {
		Trace plain = new Trace(Trace.SCHEMA_VERSION, TraceId.create(Instant.now()), Instant.now(), 10, "app",
				new TraceRequest("GET", "http://localhost:8080/orders?page=2&sort=id", "/orders", "page=2&sort=id",
						Map.of("Accept", List.of("*/*")), null, "127.0.0.1"),
				new TraceResponse(200, Map.of("Content-Type", List.of("text/plain")), null, 0), null,
				List.of(new DatabaseEvent(1, 2, "ok", "ds", "select * from orders where id = ?", List.of(List.of("7")),
						0, 1L, null, null)),
				0, null, List.of());
		assertThat(this.scrubber.scrub(plain)).isEqualTo(plain);
	}

	private static Trace traceFullOfSecrets() {
		String capturedJson = new DefaultBodyScrubber(ScrubRules.defaults())
			.scrub("{\"user\": \"bob\", \"password\": \"hunter2\"}", "application/json");
		TraceRequest request = new TraceRequest("POST",
				"https://shop.example.com/users/frank@example.com/orders;jsessionid=path-sess-4?token=q-token-123&page=2",
				"/users/frank@example.com/orders;jsessionid=path-sess-4", "token=q-token-123&page=2",
				Map.of("Authorization", List.of("Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig"), "Cookie",
						List.of("JSESSIONID=abc123sess; theme=dark"), "X-Api-Key", List.of("ak-999"), "Accept",
						List.of("application/json"), "Referer",
						List.of("https://shop.example.com/?refresh_token=refresh-77")),
				TraceBody.text("application/json", capturedJson, "UTF-8", 40, 40), "10.0.0.1");
		TraceResponse response = new TraceResponse(500,
				Map.of("Set-Cookie", List.of("JSESSIONID=abc123sess; Path=/", "remember=x"), "Content-Type",
						List.of("application/json")),
				null, 0);
		TraceError exception = new TraceError("java.lang.IllegalStateException",
				"Login failed for bob@example.org: password=pw-secret-9", List.of("a.B.c(B.java:1)"), 0,
				new TraceError("java.lang.RuntimeException", "bad api_key=cause-key-3", List.of(), 0, null));
		DatabaseEvent database = new DatabaseEvent(10, 20, "ok", "dataSource",
				"update users set password = ?, ssn = 'ssn-in-sql', name = ? where id = ?",
				List.of(List.of("db-pass-1", "Bob", "7"), List.of("db-pass-1", "erin@example.com", "8")), 2, 2L,
				"duplicate key for email=erin@example.com", null);
		HttpClientEvent http = new HttpClientEvent(30, 40, "ok", "RestClient", "POST",
				"https://svc:svc-pass-1@api.example.com/v1;jsessionid=out-sess-5?api_key=ak-999&page=2", 200,
				Map.of("Authorization", List.of("Basic c3ZjOnN2Yy1wYXNzLTE=")),
				TraceBody.text("application/x-www-form-urlencoded",
						"name=Bob&cardNumber=4111+1111+1111+1111&password=hunter2", "UTF-8", 60, 60),
				60, Map.of(), TraceBody.text("application/json",
						"{\"accessToken\": \"eyJhbGciOiJIUzI1NiJ9.payload.sig\", \"expires\": 3600}", "UTF-8", 70, 70),
				70L, null);
		LogEvent log = new LogEvent(50, 0, "ok", "INFO", "auth", "Signed in alice@example.com with session=mdc-sess-1",
				"main", Map.of("sessionId", "mdc-sess-1", "user", "alice@example.com", "requestId", "r-1"),
				new TraceError("java.lang.Exception", "token: job-token-5", List.of(), 0, null));
		CustomEvent custom = new CustomEvent(60, 0, "ok", "checkout",
				Map.of("apiKey", "ak-777", "note", "for carol@example.net", "plan", "gold"));
		CacheEvent cache = new CacheEvent(70, 1, "hit", "get", "users", "user:dave@example.com");
		JobEvent job = new JobEvent(80, 5, "error", "sendMail", "pool-1", 2,
				new TraceError("java.lang.Exception", "secret=job-token-5 rejected", List.of(), 0, null));
		ExceptionEvent handled = new ExceptionEvent(90, 0, "error",
				new TraceError("java.lang.Exception", "no user dave@example.com", List.of(), 0, null), true);
		// the column named api_key is scrubbed by its name, whatever its label
		SqlResult rows = new SqlResult(
				List.of(new SqlColumn("id", null, java.sql.Types.BIGINT, "int8", "java.lang.Long", null),
						new SqlColumn("password", null, java.sql.Types.VARCHAR, "varchar", "java.lang.String", null),
						new SqlColumn("k", "api_key", java.sql.Types.VARCHAR, "varchar", "java.lang.String", null),
						new SqlColumn("note", null, java.sql.Types.VARCHAR, "text", "java.lang.String", null)),
				List.of(List.of("1", "row-pass-1", "key-token-2", "Grace"),
						java.util.Arrays.asList("2", null, "key-token-2", "written to grace@example.com")),
				"chronotrace.capture.sql-result-rows", List.of());
		SqlResult keys = new SqlResult(
				List.of(new SqlColumn("token", null, java.sql.Types.VARCHAR, "varchar", "java.lang.String", null)),
				List.of(List.of("key-token-2")), null, List.of());
		DatabaseEvent query = new DatabaseEvent(95, 3, "error", "dataSource", "select id, password, api_key k, note"
				+ " from users", List.of(List.of()), 0, 2L, null, null, rows, List.of(1L), keys,
				new SqlFailure("org.postgresql.util.PSQLException", "23505", 0,
						"duplicate key value (email)=(heidi@example.com)"));
		return new Trace(Trace.SCHEMA_VERSION, TraceId.create(Instant.parse("2025-01-01T10:00:00Z")),
				Instant.parse("2025-01-01T10:00:00Z"), 1000, "shop", request, response, exception,
				List.of(database, http, log, custom, cache, job, handled, query), 3, null, List.of());
	}

}
