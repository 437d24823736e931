package io.chronotrace.replay.jdbc;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.h2.jdbcx.JdbcDataSource;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.chronotrace.capture.Recorded;
import io.chronotrace.capture.jdbc.DataSourceCapturePostProcessor;
import io.chronotrace.core.scrub.DefaultTraceScrubber;
import io.chronotrace.core.scrub.ScrubRules;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceCodec;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.trace.TraceRequest;
import io.chronotrace.core.trace.TraceResponse;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What an isolated replay's connection answers is read by Hibernate, jOOQ and JdbcTemplate as
 * they read the database's own answers: each piece of work runs once recorded against H2, the
 * trace goes through scrubbing and JSON as a stored one does, then the work runs again with its
 * SQL answered from the recording while the database refuses every connection, and gets the
 * same results (the keys it generated and the exceptions it met included).
 */
class ReplayedLibrariesTests {

	private final StoppableDataSource database = new StoppableDataSource();

	private final AtomicReference<@Nullable RecordedStatements> replay = new AtomicReference<>();

	private DataSource dataSource;

	@BeforeEach
	void createDatabase() {
		JdbcDataSource h2 = new JdbcDataSource();
		h2.setURL("jdbc:h2:mem:replayed-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
		this.database.target = h2;
		// as the application's bean is wrapped: capture outside, replay beneath
		this.dataSource = DataSourceCapturePostProcessor.capture("dataSource",
				new ReplayingDataSource(this.database, "dataSource", this.replay::get));
		JdbcTemplate jdbc = new JdbcTemplate(h2);
		jdbc.execute("create table product (id bigint auto_increment primary key, name varchar(100) not null unique,"
				+ " price decimal(10,2), added timestamp(6), available boolean)");
		jdbc.update("insert into product (name, price, added, available) values (?, ?, ?, ?)", "Espresso beans",
				new BigDecimal("24.90"), LocalDateTime.parse("2026-11-21T14:03:07.412518"), true);
		jdbc.update("insert into product (name, price, added, available) values (?, ?, ?, ?)", "Cup",
				new BigDecimal("8.50"), null, false);
	}

	@AfterEach
	void dropDatabase() {
		this.database.stopped = false;
		new JdbcTemplate(this.database).execute("shutdown");
	}

	@Test
	void jdbcTemplateReadsRowsKeysCountsAndTheRecordedException() {
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		Work<List<Object>> work = () -> {
			List<Object> results = new ArrayList<>();
			results.add(jdbc.queryForList("select id, name, price, added, available from product order by id"));
			results.add(jdbc.query("select name, price from product where price < ?",
					(row, number) -> row.getString("NAME") + " " + row.getBigDecimal(2) + " " + row.wasNull(), 30));
			results.add(jdbc.queryForObject("select count(*) from product", Long.class));
			results.add(jdbc.queryForObject("select added from product where id = ?", LocalDateTime.class, 1));
			GeneratedKeyHolder keys = new GeneratedKeyHolder();
			jdbc.update((connection) -> {
				PreparedStatement insert = connection.prepareStatement("insert into product (name) values (?)",
						new String[] { "ID" });
				insert.setString(1, "Saucer");
				return insert;
			}, keys);
			results.add(keys.getKey());
			results.add(java.util.Arrays.toString(jdbc.batchUpdate("update product set price = price + 1 where id = ?",
					List.of(new Object[] { 1 }, new Object[] { 2 }, new Object[] { 99 }))));
			assertThatExceptionOfType(DuplicateKeyException.class)
				.isThrownBy(() -> jdbc.update("insert into product (name) values (?)", "Cup"));
			return results;
		};
		replayed(work);
	}

	@Test
	void hibernateFindsQueriesAndPersistsWithAnIdentityKey() {
		StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
			.applySetting("hibernate.connection.datasource", this.dataSource)
			.applySetting("hibernate.hbm2ddl.auto", "create")
			.applySetting("hibernate.show_sql", "false")
			.build();
		try (SessionFactory sessions = new MetadataSources(registry).addAnnotatedClass(Owner.class)
			.buildMetadata()
			.buildSessionFactory()) {
			sessions.inTransaction((session) -> {
				session.persist(new Owner("George", "Franklin", "Madison", LocalDate.parse("1975-04-02")));
				session.persist(new Owner("Betty", "Davis", "Sun Prairie", null));
			});
			Work<List<Object>> work = () -> {
				List<Object> results = new ArrayList<>();
				try (EntityManager entities = sessions.createEntityManager()) {
					results.add(entities.find(Owner.class, 1L));
					results.add(entities
						.createQuery("select o from Owner o where o.city like :city order by o.lastName", Owner.class)
						.setParameter("city", "%a%")
						.getResultList());
					entities.getTransaction().begin();
					Owner added = new Owner("Eduardo", "Rodriquez", "McFarland", LocalDate.parse("1980-01-31"));
					entities.persist(added);
					entities.getTransaction().commit();
					results.add(added.id);
					entities.getTransaction().begin();
					entities.find(Owner.class, 2L).city = "Monona";
					entities.getTransaction().commit();
				}
				return results;
			};
			replayed(work);
		}
	}

	@Test
	void jooqFetchesRecordsAndExecutesWrites() {
		DSLContext dsl = DSL.using(this.dataSource, SQLDialect.H2);
		Work<List<Object>> work = () -> {
			List<Object> results = new ArrayList<>();
			results.add(dsl.select(DSL.field("id"), DSL.field("name"), DSL.field("price"), DSL.field("added"))
				.from(DSL.table("product"))
				.where(DSL.field("price").lt(new BigDecimal("30")))
				.orderBy(DSL.field("id"))
				.fetch()
				.format());
			Record cup = dsl.selectFrom(DSL.table("product")).where(DSL.field("name").eq("Cup")).fetchOne();
			results.add(cup.get("PRICE", BigDecimal.class) + " " + cup.get("AVAILABLE", Boolean.class));
			results.add(dsl.insertInto(DSL.table("product"), DSL.field("name"), DSL.field("price"))
				.values("Mug", new BigDecimal("12.00"))
				.execute());
			results.add(dsl.fetchCount(DSL.table("product")));
			return results;
		};
		replayed(work);
	}

	/** Runs the work recorded, then replayed from the trace with the database refusing connections. */
	private <T> void replayed(Work<T> work) {
		AtomicReference<T> recordedResult = new AtomicReference<>();
		Recorded recorded = Recorded.of(() -> recordedResult.set(work.run()));
		Instant now = Instant.now();
		Trace trace = new Trace(Trace.SCHEMA_VERSION, TraceId.create(now), now, 1, null,
				new TraceRequest("GET", "/", "/", null, Map.of(), null, null), new TraceResponse(200, Map.of(), null, 0),
				null, recorded.events(), 0, null, List.of());
		Trace stored = TraceCodec.get()
			.readTrace(TraceCodec.get().toBytes(new DefaultTraceScrubber(ScrubRules.defaults()).scrub(trace)));
		assertThat(RecordedStatements.holdResults(stored)).isTrue();

		RecordedStatements statements = new RecordedStatements(stored);
		this.database.stopped = true;
		this.replay.set(statements);
		int refusedBefore = this.database.refused.get();
		T replayed;
		try {
			replayed = work.run();
		}
		catch (Exception ex) {
			throw new IllegalStateException(statements.statements() + " " + statements.warnings(), ex);
		}
		finally {
			this.replay.set(null);
			this.database.stopped = false;
		}
		assertThat(replayed).isEqualTo(recordedResult.get());
		assertThat(this.database.refused.get()).as("connections asked of the database").isEqualTo(refusedBefore);
		assertThat(statements.statements()).isNotEmpty()
			.allSatisfy((statement) -> assertThat(statement.outcome()).as("%s", statement)
				.isEqualTo(ReplayedStatement.ANSWERED));
		assertThat(statements.warnings()).isEmpty();
	}

	@FunctionalInterface
	interface Work<T> {

		T run() throws Exception;

	}

	@Entity(name = "Owner")
	@Table(name = "owners")
	static class Owner {

		@Id
		@GeneratedValue(strategy = GenerationType.IDENTITY)
		@Nullable Long id;

		@Column(name = "first_name")
		@Nullable String firstName;

		@Column(name = "last_name")
		@Nullable String lastName;

		@Nullable String city;

		@Nullable LocalDate birthDate;

		Owner() {
		}

		Owner(String firstName, String lastName, String city, @Nullable LocalDate birthDate) {
			this.firstName = firstName;
			this.lastName = lastName;
			this.city = city;
			this.birthDate = birthDate;
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Owner owner && Objects.equals(this.id, owner.id)
					&& Objects.equals(this.firstName, owner.firstName) && Objects.equals(this.lastName, owner.lastName)
					&& Objects.equals(this.city, owner.city) && Objects.equals(this.birthDate, owner.birthDate);
		}

		@Override
		public int hashCode() {
			return Objects.hash(this.id, this.lastName);
		}

		@Override
		public String toString() {
			return "Owner[" + this.id + " " + this.firstName + " " + this.lastName + " " + this.city + " "
					+ this.birthDate + "]";
		}

	}

	/** A database that can be stopped: it then refuses every connection, and counts the attempts. */
	static final class StoppableDataSource implements DataSource {

		volatile DataSource target;

		volatile boolean stopped;

		final AtomicInteger refused = new AtomicInteger();

		@Override
		public Connection getConnection() throws SQLException {
			if (this.stopped) {
				this.refused.incrementAndGet();
				throw new SQLException("the database is stopped", "08001");
			}
			return this.target.getConnection();
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			return getConnection();
		}

		@Override
		public PrintWriter getLogWriter() {
			return null;
		}

		@Override
		public void setLogWriter(PrintWriter out) {
		}

		@Override
		public void setLoginTimeout(int seconds) {
		}

		@Override
		public int getLoginTimeout() {
			return 0;
		}

		@Override
		public Logger getParentLogger() {
			return Logger.getGlobal();
		}

		@Override
		public <T> T unwrap(Class<T> type) throws SQLException {
			throw new SQLException("not a wrapper");
		}

		@Override
		public boolean isWrapperFor(Class<?> type) {
			return false;
		}

	}

}
