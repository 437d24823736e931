package io.chronotrace.autoconfigure;

import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import io.chronotrace.capture.Recorded;
import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.jdbc.JdbcTraceStorage;
import io.chronotrace.core.storage.memory.InMemoryTraceStorage;
import io.chronotrace.core.trace.DatabaseEvent;
import io.chronotrace.core.trace.TestTraces;
import io.chronotrace.core.trace.Trace;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code chronotrace.storage=jdbc} stores traces in a table of the application's database,
 * creates it in an embedded database, and respects the application's own storage.
 */
class ChronoTraceJdbcStorageAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				ChronoTraceJdbcCaptureAutoConfiguration.class, ChronoTraceStorageAutoConfiguration.class))
		.withPropertyValues("chronotrace.storage=jdbc", "spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID());

	@Test
	void storesTracesInTheApplicationsEmbeddedDatabaseWhoseTablesItCreates() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(TraceStorage.class).hasSingleBean(JdbcTraceStorage.class);
			TraceStorage storage = context.getBean(TraceStorage.class);
			Trace trace = TestTraces.trace(Instant.parse("2025-03-10T10:00:00Z"));

			storage.store(trace);

			assertThat(storage.retrieve(trace.id())).contains(trace);
			assertThat(new JdbcTemplate(context.getBean(DataSource.class))
				.queryForObject("SELECT path FROM chronotrace_traces", String.class)).isEqualTo("/api/orders/42");
		});
	}

	@Test
	void dataSourceIsClosedOnlyAfterTheStorageThatTheWriterDrainsInto() {
		this.runner.run((context) -> assertThat(context.getBeanFactory().getDependentBeans("dataSource"))
			.contains("chronoTraceStorage"));
	}

	@Test
	void storingOnARecordedThreadRecordsNoneOfChronoTracesOwnStatements() {
		this.runner.run((context) -> {
			TraceStorage storage = context.getBean(TraceStorage.class);
			JdbcTemplate application = new JdbcTemplate(context.getBean(DataSource.class));

			Recorded recorded = Recorded.of(() -> {
				application.queryForObject("SELECT 1", Integer.class);
				storage.store(TestTraces.trace(Instant.parse("2025-03-10T10:00:00Z")));
				storage.list(TraceQuery.newest());
			});

			assertThat(recorded.events(DatabaseEvent.class)).extracting(DatabaseEvent::sql).containsExactly("SELECT 1");
		});
	}

	@Test
	void tableNameIsConfigurable() {
		this.runner.withPropertyValues("chronotrace.jdbc.table=recorded_requests").run((context) -> {
			context.getBean(TraceStorage.class).store(TestTraces.trace(Instant.parse("2025-03-10T10:00:00Z")));

			assertThat(new JdbcTemplate(context.getBean(DataSource.class))
				.queryForObject("SELECT count(*) FROM recorded_requests", Integer.class)).isOne();
		});
	}

	@Test
	void initializeSchemaNeverLeavesTheDatabaseAloneAndHealthSaysTheTableIsMissing() {
		this.runner.withPropertyValues("chronotrace.jdbc.initialize-schema=never").run((context) -> {
			TraceStorage storage = context.getBean(TraceStorage.class);

			assertThat(storage.check().up()).isFalse();
			assertThat(storage.check().reason()).contains("chronotrace_traces");
		});
	}

	@Test
	void dataSourceNamedByPropertyIsUsed() {
		this.runner.withUserConfiguration(TraceDatabase.class)
			.withPropertyValues("chronotrace.jdbc.data-source=traceDatabase")
			.run((context) -> {
				context.getBean(TraceStorage.class).store(TestTraces.trace(Instant.parse("2025-03-10T10:00:00Z")));

				DataSource traceDatabase = context.getBean("traceDatabase", DataSource.class);
				assertThat(new JdbcTemplate(traceDatabase).queryForObject("SELECT count(*) FROM chronotrace_traces",
						Integer.class)).isOne();
			});
	}

	@Test
	void unknownDataSourceNameFailsStartUpNamingTheProperty() {
		this.runner.withPropertyValues("chronotrace.jdbc.data-source=nope").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("chronotrace.jdbc.data-source");
		});
	}

	@Test
	void invalidTableNameFailsStartUpNamingTheProperty() {
		this.runner.withPropertyValues("chronotrace.jdbc.table=traces; DROP TABLE users").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("chronotrace.jdbc.table");
		});
	}

	@Test
	void applicationsOwnStorageMakesOursBackOff() {
		this.runner.withUserConfiguration(OwnStorage.class).run((context) -> {
			assertThat(context).hasSingleBean(TraceStorage.class).doesNotHaveBean(JdbcTraceStorage.class);
			assertThat(context.getBean(TraceStorage.class)).isInstanceOf(InMemoryTraceStorage.class);
		});
	}

	@Test
	void otherStoragesDoNotTouchTheDatabase() {
		this.runner.withPropertyValues("chronotrace.storage=memory").run((context) -> {
			assertThat(context).doesNotHaveBean(JdbcTraceStorage.class);
			assertThat(new JdbcTemplate(context.getBean(DataSource.class)).queryForObject(
					"SELECT count(*) FROM information_schema.tables WHERE table_name = 'CHRONOTRACE_TRACES'",
					Integer.class)).isZero();
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class TraceDatabase {

		@Bean(defaultCandidate = false)
		DataSource traceDatabase() {
			JdbcDataSource dataSource = new JdbcDataSource();
			dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
			return dataSource;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnStorage {

		@Bean
		TraceStorage myStorage() {
			return new InMemoryTraceStorage(10);
		}

	}

}
