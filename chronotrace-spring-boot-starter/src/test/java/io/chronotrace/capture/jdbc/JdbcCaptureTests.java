package io.chronotrace.capture.jdbc;

import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariDataSource;
import net.ttddyy.dsproxy.support.ProxyDataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import io.chronotrace.autoconfigure.ChronoTraceJdbcCaptureAutoConfiguration;
import io.chronotrace.capture.Recorded;
import io.chronotrace.core.trace.DatabaseEvent;
import io.chronotrace.core.trace.TraceEvent;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

class JdbcCaptureTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
				ChronoTraceJdbcCaptureAutoConfiguration.class));

	@Test
	void recordsEachStatementWithItsSqlBindValuesRowsAndDuration() {
		this.runner.run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			jdbc.execute("create table product (id bigint primary key, name varchar(100), price decimal(10,2))");
			Recorded recorded = Recorded.of(() -> {
				jdbc.update("insert into product values (?, ?, ?)", 1, "Espresso beans", 24.90);
				jdbc.batchUpdate("insert into product values (?, ?, ?)",
						List.of(new Object[] { 2, "Milk frother", 39.00 }, new Object[] { 3, "Cup", 8.50 }));
				jdbc.queryForList("select name from product where price < ? order by id", String.class, 30);
				assertThatException().isThrownBy(() -> jdbc.update("insert into missing values (1)"));
			});
			List<DatabaseEvent> events = recorded.events(DatabaseEvent.class);
			assertThat(events).extracting(DatabaseEvent::sql)
				.containsExactly("insert into product values (?, ?, ?)", "insert into product values (?, ?, ?)",
						"select name from product where price < ? order by id", "insert into missing values (1)");
			DatabaseEvent insert = events.get(0);
			assertThat(insert.dataSource()).isEqualTo("dataSource");
			assertThat(insert.parameters()).containsExactly(List.of("1", "Espresso beans", "24.9"));
			assertThat(insert.rows()).isEqualTo(1);
			assertThat(insert.batchSize()).isZero();
			assertThat(insert.outcome()).isEqualTo(TraceEvent.OK);
			DatabaseEvent batch = events.get(1);
			assertThat(batch.batchSize()).isEqualTo(2);
			assertThat(batch.parameters()).containsExactly(List.of("2", "Milk frother", "39.0"), List.of("3", "Cup", "8.5"));
			assertThat(batch.rows()).isEqualTo(2);
			DatabaseEvent query = events.get(2);
			assertThat(query.parameters()).containsExactly(List.of("30"));
			assertThat(query.rows()).isEqualTo(2);
			DatabaseEvent failed = events.get(3);
			assertThat(failed.outcome()).isEqualTo(TraceEvent.ERROR);
			assertThat(failed.error()).contains("MISSING");
			assertThat(events).allSatisfy((event) -> assertThat(event.durationMicros()).isPositive());
			assertThat(events).extracting(DatabaseEvent::offsetMicros).isSorted();
		});
	}

	@Test
	void marksStatementsTheRequestRanMoreThanOnce() {
		this.runner.run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			Recorded recorded = Recorded.of(() -> {
				jdbc.queryForObject("select count(*) from information_schema.tables", Long.class);
				for (int id = 1; id <= 5; id++) {
					jdbc.queryForObject("select ? + 1", Long.class, id);
				}
			});
			assertThat(recorded.events(DatabaseEvent.class)).extracting(DatabaseEvent::repeated)
				.containsExactly(null, 5, 5, 5, 5, 5);
		});
	}

	@Test
	void aRequestRunningOneHundredThousandQueriesKeepsTheBoundsNumberOfEventsAndCountsTheRest() {
		this.runner.run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			jdbc.queryForObject("select 1", Integer.class); // the pool starts, and logs it, outside the trace
			Recorded recorded = Recorded.of(1000, () -> {
				for (int i = 0; i < 100_000; i++) {
					jdbc.queryForObject("select 1", Integer.class);
				}
			});
			assertThat(recorded.events()).hasSize(1000);
			assertThat(recorded.droppedEvents()).isEqualTo(99_000);
			assertThat(recorded.events(DatabaseEvent.class))
				.allSatisfy((event) -> assertThat(event.repeated()).isEqualTo(100_000));
		});
	}

	@Test
	void threadsThatRecordNothingAddNoEvent() {
		this.runner.run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			Recorded recorded = Recorded.of(() -> {
				Thread other = new Thread(() -> jdbc.queryForObject("select 1", Integer.class));
				other.start();
				other.join();
			});
			assertThat(recorded.events()).isEmpty();
		});
	}

	@Test
	void wrapsTheDataSourceOnceKeepsItUnwrappableToThePoolAndClosesThePoolWithTheContext() {
		HikariDataSource[] pool = new HikariDataSource[1];
		this.runner.run((context) -> {
			DataSource dataSource = context.getBean(DataSource.class);
			assertThat(dataSource).isInstanceOf(ProxyDataSource.class);
			pool[0] = dataSource.unwrap(HikariDataSource.class);
			assertThat(dataSource.isWrapperFor(HikariConfigMXBean.class)).isTrue();
			Object again = new DataSourceCapturePostProcessor().postProcessAfterInitialization(dataSource, "dataSource");
			assertThat(again).isSameAs(dataSource);
		});
		assertThat(pool[0].isClosed()).isTrue();
	}

	@Test
	void aDataSourceBeanWrappingAnotherRecordsEachStatementOnce() {
		this.runner.withUserConfiguration(TransactionAwareDataSourceConfiguration.class).run((context) -> {
			JdbcTemplate jdbc = new JdbcTemplate(context.getBean("transactionAwareDataSource", DataSource.class));
			Recorded recorded = Recorded.of(() -> jdbc.queryForObject("select 1", Integer.class));
			assertThat(recorded.events(DatabaseEvent.class)).singleElement()
				.extracting(DatabaseEvent::dataSource)
				.isEqualTo("transactionAwareDataSource");
		});
	}

	@Test
	void leavesDataSourcesAloneWhenDatabaseCaptureIsOff() {
		this.runner.withPropertyValues("chronotrace.capture.database=false")
			.run((context) -> assertThat(context.getBean(DataSource.class)).isInstanceOf(HikariDataSource.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class TransactionAwareDataSourceConfiguration {

		@Bean
		JdbcDataSource dataSource() {
			JdbcDataSource dataSource = new JdbcDataSource();
			dataSource.setURL("jdbc:h2:mem:wrapped;DB_CLOSE_DELAY=-1");
			return dataSource;
		}

		@Bean
		TransactionAwareDataSourceProxy transactionAwareDataSource(@Qualifier("dataSource") DataSource dataSource) {
			return new TransactionAwareDataSourceProxy(dataSource);
		}

	}

}
