package io.chronotrace.replay.jdbc;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.trace.TraceId;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The test, in a real application on a real PostgreSQL, through the endpoint as a user
 * replays: a recorded POST that inserts a row replays isolated identical and the table has no new
 * row; a recorded GET replays isolated identical after the data it read changed, and again with
 * PostgreSQL stopped; after a configuration change alters one query (a restart with another
 * {@code shop.sort}), the isolated replay answers not identical, naming that statement and the
 * recorded one it nearly matched.
 */
class SqlReplayOnPostgresTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static StoppablePostgres postgres;

	@TempDir
	static Path traces;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void startPostgres() throws Exception {
		postgres = new StoppablePostgres();
		JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(postgres.url()));
		SqlShopApplication.SCHEMA.forEach(jdbc::execute);
	}

	@AfterAll
	static void stopPostgres() throws Exception {
		postgres.close();
	}

	@Test
	void recordedRequestsReplayIsolatedWithoutTheDatabaseAndAChangedQueryIsANearMiss() throws Exception {
		JdbcTemplate database = new JdbcTemplate(new DriverManagerDataSource(postgres.url()));
		String order;
		String products;
		try (ConfigurableApplicationContext shop = start("id")) {
			order = record(shop, "POST", "/orders", "{\"customer\":\"Ada\",\"productId\":2,\"quantity\":2}");
			products = record(shop, "GET", "/products", null);
			assertThat(count(database, "orders")).isOne();

			JsonNode replayedOrder = replay(shop, order);
			assertThat(replayedOrder.get("identical").asBoolean()).as("%s", replayedOrder).isTrue();
			assertThat(replayedOrder.get("sqlFromRecording").asBoolean()).isTrue();
			assertThat(replayedOrder.get("note").asString()).contains("Nothing was written");
			assertThat(count(database, "orders")).as("no new row").isOne();
			assertThat(count(database, "audit")).isOne();

			database.update("update product set price = 41.50, stock = 0 where id = 2");
			JsonNode afterChange = replay(shop, products);
			assertThat(afterChange.get("identical").asBoolean()).as("%s", afterChange).isTrue();
			assertThat(afterChange.get("replay").get("body").asString()).contains("39.00").doesNotContain("41.50");

			postgres.stop();
			try {
				long start = System.nanoTime();
				JsonNode stopped = replay(shop, products);
				assertThat(stopped.get("identical").asBoolean()).as("%s", stopped).isTrue();
				JsonNode orderStopped = replay(shop, order);
				assertThat(orderStopped.get("identical").asBoolean()).as("%s", orderStopped).isTrue();
				assertThat(Duration.ofNanos(System.nanoTime() - start))
					.as("no connection was asked of the pool, which would wait for its timeout")
					.isLessThan(Duration.ofSeconds(20));
			}
			finally {
				postgres.start();
			}
		}
		try (ConfigurableApplicationContext sortedByName = start("name")) {
			JsonNode changed = replay(sortedByName, products);
			assertThat(changed.get("identical").asBoolean()).isFalse();
			JsonNode statement = changed.get("statements").get(0);
			assertThat(statement.get("outcome").asString()).isEqualTo("not recorded");
			assertThat(statement.get("sql").asString())
				.isEqualTo("select id, name, price, stock from product order by name");
			assertThat(statement.get("recordedSql").asString())
				.isEqualTo("select id, name, price, stock from product order by id");
			assertThat(statement.get("diff").asString())
				.isEqualTo("select id, name, price, stock from product order by [-id-]{+name+}");
			assertThat(changed.get("differences").toString()).contains(
					"{\"kind\":\"sql\",\"path\":\"statement 1\",\"original\":\"select id, name, price, stock from"
							+ " product order by id\",\"replay\":\"select id, name, price, stock from product order"
							+ " by name\"}");
		}
		assertThat(count(database, "orders")).isOne();
	}

	private ConfigurableApplicationContext start(String sort) {
		return new SpringApplicationBuilder(SqlShopApplication.class).run("--server.port=0",
				"--spring.datasource.url=" + postgres.url(), "--spring.datasource.hikari.connection-timeout=30000",
				"--shop.sort=" + sort, "--chronotrace.mode=always", "--chronotrace.storage=local",
				"--chronotrace.path=" + traces, "--management.endpoints.web.exposure.include=chronotrace",
				"--management.endpoint.chronotrace.access=unrestricted");
	}

	private String record(ConfigurableApplicationContext shop, String method, String path, String body)
			throws Exception {
		HttpResponse<String> response = send(shop, method, path, body);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		String id = response.headers().firstValue("X-ChronoTrace-Id").orElseThrow();
		TraceStorage storage = shop.getBean(TraceStorage.class);
		await().atMost(Duration.ofSeconds(20)).until(() -> storage.retrieve(TraceId.parse(id)).isPresent());
		return id;
	}

	private JsonNode replay(ConfigurableApplicationContext shop, String id) throws Exception {
		HttpResponse<String> response = send(shop, "POST", "/actuator/chronotrace/" + id + "/replay?isolated=true",
				null);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	private HttpResponse<String> send(ConfigurableApplicationContext shop, String method, String path, String body)
			throws Exception {
		String port = shop.getEnvironment().getProperty("local.server.port");
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.timeout(Duration.ofSeconds(60));
		if (body != null) {
			request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static int count(JdbcTemplate database, String table) {
		return database.queryForObject("select count(*) from " + table, Integer.class);
	}

}
