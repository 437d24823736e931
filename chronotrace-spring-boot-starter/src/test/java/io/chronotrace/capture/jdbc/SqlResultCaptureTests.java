package io.chronotrace.capture.jdbc;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.chronotrace.autoconfigure.ChronoTraceJdbcCaptureAutoConfiguration;
import io.chronotrace.capture.Recorded;
import io.chronotrace.core.trace.DatabaseEvent;
import io.chronotrace.core.trace.SqlColumn;
import io.chronotrace.core.trace.SqlResult;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What JDBC statements answered, recorded with them ({@code chronotrace.capture.sql-results}):
 * the rows read with their columns, update counts, generated keys and SQLExceptions, bounded.
 */
class SqlResultCaptureTests {

	private static final String SCHEMA = "create table product (id bigint auto_increment primary key,"
			+ " name varchar(100), price decimal(10,2), added timestamp(6), picture varbinary(10), ref uuid,"
			+ " notes clob)";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:results-${random.uuid}")
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
				ChronoTraceJdbcCaptureAutoConfiguration.class));

	@Test
	void aQueryRecordsTheColumnsAndTheRowsTheApplicationReadAsText() {
		this.runner.run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			jdbc.execute(SCHEMA);
			Timestamp added = Timestamp.from(Instant.parse("2026-11-21T13:03:07.412518Z"));
			jdbc.update("insert into product (name, price, added, picture, ref, notes) values (?, ?, ?, ?, ?, ?)",
					"Espresso beans", new BigDecimal("24.90"), added, new byte[] { 1, 2, 3 },
					java.util.UUID.fromString("0e4e9f0c-7c1b-4a36-9a8e-0d1b2c3d4e5f"), "long text");
			jdbc.update("insert into product (name) values (?)", "Cup");
			Recorded recorded = Recorded.of(() -> jdbc.queryForList("select * from product order by id"));
			SqlResult result = recorded.events(DatabaseEvent.class).get(0).result();
			assertThat(result.columns()).extracting(SqlColumn::label)
				.containsExactly("ID", "NAME", "PRICE", "ADDED", "PICTURE", "REF", "NOTES");
			assertThat(result.columns()).extracting(SqlColumn::type)
				.containsExactly(Types.BIGINT, Types.VARCHAR, Types.DECIMAL, Types.TIMESTAMP, Types.VARBINARY,
						Types.BINARY, Types.CLOB);
			assertThat(result.columns().get(6).omitted()).as("a large object is not read").isTrue();
			assertThat(result.columns().get(0).className()).isEqualTo(Long.class.getName());
			assertThat(result.columns().get(4).className()).as("bytes, in base64").isEqualTo("[B");
			assertThat(result.columns().get(5).className()).as("a binary type read as a UUID")
				.isEqualTo("java.util.UUID");
			assertThat(result.rows()).containsExactly(
					Arrays.asList("1", "Espresso beans", "24.90", "2026-11-21T13:03:07.412518Z", "AQID",
							"0e4e9f0c-7c1b-4a36-9a8e-0d1b2c3d4e5f", null),
					Arrays.asList("2", "Cup", null, null, null, null, null));
			assertThat(result.cut()).isNull();
		});
	}

	@Test
	void aWriteRecordsItsUpdateCountsAndTheKeysItGenerated() {
		this.runner.run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			jdbc.execute(SCHEMA);
			Recorded recorded = Recorded.of(() -> {
				GeneratedKeyHolder keys = new GeneratedKeyHolder();
				jdbc.update((connection) -> {
					PreparedStatement insert = connection.prepareStatement("insert into product (name) values (?)",
							new String[] { "ID" });
					insert.setString(1, "Cup");
					return insert;
				}, keys);
				assertThat(keys.getKey()).isEqualTo(1L);
				jdbc.batchUpdate("insert into product (name) values (?)",
						List.of(new Object[] { "Mug" }, new Object[] { "Saucer" }));
				jdbc.update("update product set price = 1 where price is null");
			});
			List<DatabaseEvent> events = recorded.events(DatabaseEvent.class);
			assertThat(events.get(0).updateCounts()).containsExactly(1L);
			assertThat(events.get(0).generatedKeys().rows()).containsExactly(List.of("1"));
			assertThat(events.get(0).generatedKeys().columns()).extracting(SqlColumn::label).containsExactly("ID");
			assertThat(events.get(1).updateCounts()).containsExactly(1L, 1L);
			assertThat(events.get(1).generatedKeys()).isNull();
			assertThat(events.get(2).updateCounts()).containsExactly(3L);
			assertThat(events).allSatisfy((event) -> assertThat(event.result()).isNull());
		});
	}

	@Test
	void aStatementThatFailsRecordsItsSqlException() {
		this.runner.run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			jdbc.execute(SCHEMA);
			jdbc.update("insert into product (id, name) values (1, 'Cup')");
			Recorded recorded = Recorded.of(() -> assertThatExceptionOfType(DuplicateKeyException.class)
				.isThrownBy(() -> jdbc.update("insert into product (id, name) values (1, 'Mug')")));
			DatabaseEvent failed = recorded.events(DatabaseEvent.class).get(0);
			assertThat(failed.failure().sqlState()).isEqualTo("23505");
			assertThat(failed.failure().errorCode()).isEqualTo(23505);
			assertThat(failed.failure().type()).isEqualTo("org.h2.jdbc.JdbcSQLIntegrityConstraintViolationException");
			assertThat(failed.failure().message()).contains("PRIMARY KEY");
			assertThat(failed.updateCounts()).isNull();
		});
	}

	@Test
	void rowsPastTheStatementsBoundAreCountedNotRecordedAndTheResultNamesTheBound() {
		this.runner.withPropertyValues("chronotrace.capture.sql-result-rows=2").run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			Recorded recorded = Recorded.of(() -> jdbc.queryForList("select x from system_range(1, 5)", Long.class));
			DatabaseEvent query = recorded.events(DatabaseEvent.class).get(0);
			assertThat(query.rows()).isEqualTo(5);
			assertThat(query.result().rows()).containsExactly(List.of("1"), List.of("2"));
			assertThat(query.result().cut()).isEqualTo("chronotrace.capture.sql-result-rows");
		});
	}

	@Test
	void rowsPastTheTracesBoundAreNotRecordedInAnyStatement() {
		this.runner.withPropertyValues("chronotrace.capture.sql-result-size=20B").run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			Recorded recorded = Recorded.of(() -> {
				jdbc.queryForList("select 'abcdefghij' from system_range(1, 1)", String.class);
				jdbc.queryForList("select 'abcdefghij' from system_range(1, 3)", String.class);
				jdbc.queryForList("select 'a' from system_range(1, 1)", String.class);
			});
			List<DatabaseEvent> events = recorded.events(DatabaseEvent.class);
			assertThat(events.get(0).result().rows()).hasSize(1);
			assertThat(events.get(0).result().cut()).isNull();
			assertThat(events.get(1).result().rows()).hasSize(1);
			assertThat(events.get(1).result().cut()).isEqualTo("chronotrace.capture.sql-result-size");
			assertThat(events.get(1).rows()).isEqualTo(3);
			assertThat(events.get(2).result().rows()).isEmpty();
			assertThat(events.get(2).result().cut()).isEqualTo("chronotrace.capture.sql-result-size");
		});
	}

	@Test
	void aResultSetAskedForAfterExecuteJoinsItsStatement() {
		this.runner.run((context) -> {
			DataSource dataSource = context.getBean(DataSource.class);
			Recorded recorded = Recorded.of(() -> {
				try (Connection connection = dataSource.getConnection();
						Statement statement = connection.createStatement()) {
					assertThat(statement.execute("select 42 as answer")).isTrue();
					try (ResultSet rows = statement.getResultSet()) {
						assertThat(rows.next()).isTrue();
						assertThat(rows.getInt(1)).isEqualTo(42);
					}
					assertThat(statement.execute("create table t (id int)")).isFalse();
				}
			});
			List<DatabaseEvent> events = recorded.events(DatabaseEvent.class);
			assertThat(events.get(0).result().rows()).containsExactly(List.of("42"));
			assertThat(events.get(0).rows()).isEqualTo(1);
			assertThat(events.get(1).updateCounts()).containsExactly(0L);
		});
	}

	@Test
	void withSqlResultsOffOnlyTheStatementsAreRecorded() {
		this.runner.withPropertyValues("chronotrace.capture.sql-results=false").run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			Recorded recorded = Recorded.of(() -> {
				jdbc.queryForList("select x from system_range(1, 3)", Long.class);
				jdbc.execute("create table t (id int)");
				jdbc.update("insert into t values (1)");
			});
			assertThat(recorded.events(DatabaseEvent.class)).hasSize(3)
				.allSatisfy((event) -> assertThat(event.hasResults()).isFalse());
			assertThat(recorded.events(DatabaseEvent.class).get(0).rows()).isEqualTo(3);
			assertThat(recorded.events(DatabaseEvent.class).get(2).rows()).isEqualTo(1);
		});
	}

	@Test
	void requestsThatAreNotRecordedReadTheDriversOwnResultSets() {
		this.runner.run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			Map<String, Object> row = jdbc.queryForMap("select 1 as one");
			assertThat(row).containsEntry("ONE", 1);
			jdbc.query("select 1", (ResultSet rows) -> {
				assertThat(ResultCapturingJdbcProxyFactory.recorder(rows)).isNull();
			});
		});
	}

}
