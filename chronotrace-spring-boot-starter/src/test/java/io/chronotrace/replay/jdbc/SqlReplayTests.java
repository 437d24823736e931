package io.chronotrace.replay.jdbc;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.trace.DatabaseEvent;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceEvent;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.replay.ReplayNotAllowedException;
import io.chronotrace.replay.ReplayResult;
import io.chronotrace.replay.TraceReplayer;
import io.chronotrace.replay.diff.Difference;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Isolated replays whose SQL is answered from the recording, on H2 (the PostgreSQL test does the
 * same on a real server, and stops it): an order replays without writing and without the
 * allowed-methods opt-in, a list replays as recorded after its data changed, other requests
 * meanwhile read the database, and a statement the recording lacks is a near miss.
 */
@SpringBootTest(classes = SqlShopApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "chronotrace.mode=always", "chronotrace.storage=memory",
				"spring.datasource.url=jdbc:h2:mem:sqlreplay;DB_CLOSE_DELAY=-1" })
class SqlReplayTests {

	@LocalServerPort
	private int port;

	@Autowired
	private TraceReplayer replayer;

	@Autowired
	private TraceStorage storage;

	@Autowired
	private JdbcTemplate jdbc;

	private RestClient client;

	@BeforeEach
	void schema() {
		this.jdbc.execute("drop all objects");
		SqlShopApplication.SCHEMA.forEach(this.jdbc::execute);
		this.client = RestClient.builder().baseUrl("http://localhost:" + this.port).build();
	}

	@Test
	void anOrderReplaysIsolatedIdenticalWithoutTheOptInAndWritesNothing() {
		TraceId id = traceIdOf(order());
		Trace original = stored(id);
		assertThat(original.events()).filteredOn(DatabaseEvent.class::isInstance)
			.hasSize(4)
			.allSatisfy((event) -> assertThat(((DatabaseEvent) event).hasResults()).isTrue());
		int orders = count("orders");
		int audits = count("audit");
		int stock = this.jdbc.queryForObject("select stock from product where id = 2", Integer.class);

		ReplayResult result = this.replayer.replay(original, true);

		assertThat(result.identical()).as("%s %s", result.differences(), result.statements()).isTrue();
		assertThat(result.sqlFromRecording()).isTrue();
		assertThat(result.note()).contains("Nothing was written")
			.contains("this POST could be replayed without chronotrace.replay.allowed-methods");
		assertThat(result.statements()).extracting(ReplayedStatement::outcome)
			.containsOnly(ReplayedStatement.ANSWERED)
			.hasSize(4);
		assertThat(result.statements()).extracting(ReplayedStatement::sql)
			.contains("insert into audit (message) values (?)");
		assertThat(count("orders")).isEqualTo(orders);
		assertThat(count("audit")).as("written by the @Async job").isEqualTo(audits);
		assertThat(this.jdbc.queryForObject("select stock from product where id = 2", Integer.class)).isEqualTo(stock);
		Trace replay = stored(TraceId.parse(result.replay().traceId()));
		assertThat(replay.events()).filteredOn(DatabaseEvent.class::isInstance)
			.as("the answered statements are in the replay's trace")
			.hasSize(4);
	}

	@Test
	void aListReplaysAsRecordedAfterItsDataChangedWhileALiveReplayDoesNot() {
		TraceId id = traceIdOf(this.client.get().uri("/products").retrieve().toEntity(String.class));
		stored(id);
		this.jdbc.update("update product set price = 99 where id = 1");
		ReplayResult isolated = this.replayer.replay(id, true);
		assertThat(isolated.identical()).as("%s", isolated.differences()).isTrue();
		assertThat(isolated.statements()).singleElement()
			.extracting(ReplayedStatement::outcome)
			.isEqualTo(ReplayedStatement.ANSWERED);
		ReplayResult live = this.replayer.replay(id, false);
		assertThat(live.identical()).isFalse();
		assertThat(live.differences()).extracting(Difference::path).containsExactly("$[0].PRICE");
	}

	@Test
	void otherRequestsReadTheDatabaseWhileAReplayIsAnsweredFromTheRecording() throws Exception {
		TraceId id = traceIdOf(this.client.get().uri("/products?delayMillis=1500").retrieve().toEntity(String.class));
		stored(id);
		this.jdbc.update("update product set name = 'Changed' where id = 1");
		CompletableFuture<ReplayResult> replay = CompletableFuture.supplyAsync(() -> this.replayer.replay(id, true));
		Thread.sleep(300);
		for (int i = 0; i < 5; i++) {
			assertThat(this.client.get().uri("/products").retrieve().body(String.class)).contains("Changed");
		}
		ReplayResult result = replay.get();
		assertThat(result.identical()).as("%s", result.differences()).isTrue();
		assertThat(result.replay().body()).contains("Espresso beans").doesNotContain("Changed");
	}

	@Test
	void aStatementTheRecordingLacksIsANearMissNamingTheNearestRecordedOne() {
		TraceId id = traceIdOf(this.client.get().uri("/products").retrieve().toEntity(String.class));
		Trace original = stored(id);
		// the same request with another sort, as a configuration change would make it
		Trace sortedByName = withSql(original, "select id, name, price, stock from product order by id",
				"select id, name, price, stock from product order by name");
		ReplayResult result = this.replayer.replay(sortedByName, true);
		assertThat(result.identical()).isFalse();
		ReplayedStatement statement = result.statements().get(0);
		assertThat(statement.outcome()).isEqualTo(ReplayedStatement.NOT_RECORDED);
		assertThat(statement.sql()).isEqualTo("select id, name, price, stock from product order by id");
		assertThat(statement.recordedSql()).isEqualTo("select id, name, price, stock from product order by name");
		assertThat(statement.diff()).isEqualTo("select id, name, price, stock from product order by [-name-]{+id+}");
		assertThat(result.differences()).contains(new Difference(Difference.SQL, "statement 1",
				"select id, name, price, stock from product order by name",
				"select id, name, price, stock from product order by id"));
		assertThat(result.replay().status()).isEqualTo(500);
	}

	@Test
	void anOrderRecordedWithoutResultsIsNotReplayedWithoutTheOptInAndSaysWhy() {
		TraceId id = traceIdOf(order());
		Trace original = stored(id);
		Trace withoutResults = original.withEvents(original.events()
			.stream()
			.map((event) -> (event instanceof DatabaseEvent db) ? (TraceEvent) new DatabaseEvent(db.offsetMicros(),
					db.durationMicros(), db.outcome(), db.dataSource(), db.sql(), db.parameters(), db.batchSize(),
					db.rows(), db.error(), db.repeated()) : event)
			.toList(), 0);
		assertThatExceptionOfType(ReplayNotAllowedException.class)
			.isThrownBy(() -> this.replayer.replay(withoutResults, true))
			.withMessageContaining("it cannot be replayed isolated without writing")
			.withMessageContaining("chronotrace.capture.sql-results off");
		assertThatExceptionOfType(ReplayNotAllowedException.class)
			.isThrownBy(() -> this.replayer.replay(original, false))
			.withMessageContaining("or replay it isolated (?isolated=true)");
	}

	@Test
	void aBindValueThatDiffersIsADifferenceUnlessItChangesBetweenRuns() {
		TraceId id = traceIdOf(order());
		Trace original = stored(id);
		Trace otherQuantity = withParameter(original, "update product set stock = stock - ? where id = ?", 0, "7");
		ReplayResult result = this.replayer.replay(otherQuantity, true);
		assertThat(result.identical()).isFalse();
		assertThat(result.differences())
			.contains(new Difference(Difference.SQL, "statement 3 parameter 1", "7", "2"));
		assertThat(result.statements().get(2).outcome()).isEqualTo(ReplayedStatement.OTHER_PARAMETERS);
		assertThat(result.statements().get(2).diff()).isEqualTo("parameter 1: '7' ≠ '2'");
	}

	private ResponseEntity<String> order() {
		return this.client.post()
			.uri("/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("customer", "Ada", "productId", 2, "quantity", 2))
			.retrieve()
			.toEntity(String.class);
	}

	private static Trace withSql(Trace trace, String from, String to) {
		return trace.withEvents(trace.events()
			.stream()
			.map((event) -> (event instanceof DatabaseEvent db && db.sql().equals(from)) ? (TraceEvent) db
				.withScrubbed(to, db.parameters(), db.error(), db.result(), db.generatedKeys(), db.failure()) : event)
			.toList(), 0);
	}

	private static Trace withParameter(Trace trace, String sql, int index, String value) {
		return trace.withEvents(trace.events().stream().map((event) -> {
			if (event instanceof DatabaseEvent db && db.sql().equals(sql)) {
				List<String> values = new java.util.ArrayList<>(db.parameters().get(0));
				values.set(index, value);
				return (TraceEvent) db.withScrubbed(db.sql(), List.of(values), db.error(), db.result(),
						db.generatedKeys(), db.failure());
			}
			return event;
		}).toList(), 0);
	}

	private int count(String table) {
		return this.jdbc.queryForObject("select count(*) from " + table, Integer.class);
	}

	private static TraceId traceIdOf(ResponseEntity<String> response) {
		assertThat(response.getStatusCode().is2xxSuccessful()).as("%s", response).isTrue();
		return TraceId.parse(response.getHeaders().getFirst("X-ChronoTrace-Id"));
	}

	private Trace stored(TraceId id) {
		await().atMost(Duration.ofSeconds(10)).until(() -> this.storage.retrieve(id).isPresent());
		return this.storage.retrieve(id).orElseThrow();
	}

}
