package io.chronotrace.core.storage.jdbc;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.chronotrace.core.compress.Compression;
import io.chronotrace.core.storage.BatchStoreResult;
import io.chronotrace.core.storage.PurgeResult;
import io.chronotrace.core.storage.StorageCheck;
import io.chronotrace.core.storage.StoredBytes;
import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.TraceStorageContractTests;
import io.chronotrace.core.trace.TestTraces;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceAttachment;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.trace.TraceSummary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JDBC backend on a real PostgreSQL passes the storage contract, keeps each day in a
 * partition of its own, and purges by dropping partitions.
 */
class PostgresJdbcTraceStorageTests extends TraceStorageContractTests {

	private static final AtomicInteger tables = new AtomicInteger();

	private static HikariDataSource dataSource;

	private JdbcTables currentTables;

	@BeforeAll
	static void startDatabase() {
		PostgresServer server = PostgresServer.get();
		dataSource = server.dataSource(server.newDatabase());
	}

	@AfterAll
	static void closeDataSource() {
		dataSource.close();
	}

	@Override
	protected TraceStorage createStorage() {
		this.currentTables = new JdbcTables("traces_" + tables.incrementAndGet());
		JdbcTraceSchema.create(dataSource, this.currentTables);
		return new JdbcTraceStorage(dataSource, this.currentTables, Compression.DEFAULT);
	}

	@Override
	protected StoredBytes storedBytes() {
		return new StoredBytes().rows(dataSource, this.currentTables.traces());
	}

	@Override
	protected boolean corruptStoredAttachment(TraceId id, String name) throws SQLException {
		return JdbcAttachmentRows.flipMiddleByte(dataSource, this.currentTables, name);
	}

	@Test
	void eachDayIsAPartitionAndPurgeDropsThem() throws SQLException {
		for (int day = -2; day <= 0; day++) {
			this.storage.store(TestTraces.trace(DAY.plus(day, ChronoUnit.DAYS).plusSeconds(60)));
		}
		assertThat(partitions()).contains(this.currentTables.traces() + "_20250308",
				this.currentTables.traces() + "_20250309", this.currentTables.traces() + "_20250310");

		assertThat(this.storage.purgeOlderThan(DAY)).isEqualTo(PurgeResult.of(2, List.of(LocalDate.of(2025, 3, 8), LocalDate.of(2025, 3, 9))));

		assertThat(partitions()).doesNotContain(this.currentTables.traces() + "_20250308",
				this.currentTables.traces() + "_20250309")
			.contains(this.currentTables.traces() + "_20250310");
		assertThat(this.storage.sizeByDay()).containsKey(LocalDate.of(2025, 3, 10))
			.doesNotContainKey(LocalDate.of(2025, 3, 9));
	}

	@Test
	void writersOfTheSameNewDayAtOnceAllSucceed() throws Exception {
		JdbcTraceStorage other = new JdbcTraceStorage(dataSource, this.currentTables, Compression.DEFAULT);
		Instant newDay = DAY.plus(5, ChronoUnit.DAYS);
		ExecutorService executor = Executors.newFixedThreadPool(4);
		try {
			List<Future<BatchStoreResult>> results = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				TraceStorage writer = (i % 2 == 0) ? this.storage : other;
				Trace trace = TestTraces.trace(newDay.plusSeconds(i));
				results.add(executor.submit(() -> writer.storeAll(List.of(trace))));
			}
			for (Future<BatchStoreResult> result : results) {
				assertThat(result.get().allStored()).isTrue();
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(this.storage.list(TraceQuery.builder().from(newDay).build()).items()).hasSize(8);
	}

	@Test
	void aBatchWithARetriedIdStoresOneRowPerId() {
		Trace first = TestTraces.trace(DAY.plusSeconds(1));
		Trace second = TestTraces.trace(DAY.plusSeconds(2));

		assertThat(this.storage.storeAll(List.of(first, second)).allStored()).isTrue();
		assertThat(this.storage.storeAll(List.of(second, first)).allStored()).isTrue();

		assertThat(this.storage.list(TraceQuery.newest()).items()).hasSize(2);
	}

	@Test
	void largeAttachmentComesBackWholeThroughChunks() throws IOException {
		byte[] content = new byte[AttachmentChunks.CHUNK_SIZE * 3 + 123];
		new Random(7).nextBytes(content);
		TraceAttachment attachment = TestTraces.attachment(this.attachmentDir, "response-body", content);
		Trace trace = TestTraces.withResponseAttachment(TestTraces.trace(DAY.plusSeconds(3)), attachment);

		this.storage.store(trace);

		assertThat(readAttachment(trace.id(), "response-body")).hasValueSatisfying(
				(read) -> assertThat(read).isEqualTo(content));
	}

	@Test
	void aTraceThatCannotBeStoredDoesNotFailItsBatch() throws IOException {
		Trace good = TestTraces.trace(DAY.plusSeconds(1));
		TraceAttachment vanished = TestTraces.attachment(this.attachmentDir, "response-body", new byte[] { 1, 2 });
		Files.delete(vanished.file());
		Trace bad = TestTraces.withResponseAttachment(TestTraces.trace(DAY.plusSeconds(2)), vanished);
		Trace alsoGood = TestTraces.trace(DAY.plusSeconds(3));

		BatchStoreResult result = this.storage.storeAll(List.of(good, bad, alsoGood));

		assertThat(result.failures()).extracting(BatchStoreResult.Failure::id).containsExactly(bad.id());
		assertThat(this.storage.list(TraceQuery.newest()).items()).extracting(TraceSummary::id)
			.containsExactly(alsoGood.id(), good.id());
	}

	@Test
	void startTimesKeepTheirNanosecondsInListings() {
		Trace trace = TestTraces.trace(DAY.plusSeconds(5).plusNanos(123_456_789));
		Trace sameMicrosecondLater = TestTraces.trace(DAY.plusSeconds(5).plusNanos(123_456_999));
		this.storage.store(trace);
		this.storage.store(sameMicrosecondLater);

		assertThat(this.storage.list(TraceQuery.newest()).items()).containsExactly(sameMicrosecondLater.summary(),
				trace.summary());
		assertThat(this.storage.list(TraceQuery.builder().to(sameMicrosecondLater.startTime()).build()).items())
			.containsExactly(trace.summary());
	}

	@Test
	void checkReadsAndNeverWrites() {
		Trace stored = TestTraces.trace(DAY.plusSeconds(7));
		this.storage.store(stored);
		// every transaction of this pool is read-only: a write anywhere in check() would fail it
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(dataSource.getJdbcUrl());
		config.setMaximumPoolSize(2);
		config.setConnectionInitSql("SET default_transaction_read_only = on");
		try (HikariDataSource readOnly = new HikariDataSource(config)) {
			TraceStorage checking = new JdbcTraceStorage(readOnly, this.currentTables, Compression.DEFAULT);

			for (int i = 0; i < 5; i++) {
				StorageCheck check = checking.check();
				assertThat(check.up()).as(check.reason()).isTrue();
				assertThat(check.details()).containsEntry("newestTrace", DAY.plusSeconds(7).toString());
			}
			assertThat(checking.storeAll(List.of(TestTraces.trace(DAY.plusSeconds(8)))).allStored())
				.as("the read-only pool refuses writes").isFalse();
		}
	}

	private long count() throws SQLException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
				ResultSet row = statement.executeQuery("SELECT count(*) FROM " + this.currentTables.traces())) {
			row.next();
			return row.getLong(1);
		}
	}

	private List<String> partitions() throws SQLException {
		List<String> names = new ArrayList<>();
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT c.relname FROM pg_inherits i JOIN pg_class c "
						+ "ON c.oid = i.inhrelid WHERE i.inhparent = '" + this.currentTables.traces() + "'::regclass")) {
			while (rows.next()) {
				names.add(rows.getString(1));
			}
		}
		return names;
	}

	@Test
	void aTableOfAnEarlierVersionGetsTheOriginColumnsOnStartAndKeepsItsRows() throws SQLException {
		EarlierTables.assertUpgradedOnStart(dataSource, new JdbcTables("earlier_" + tables.incrementAndGet()));
	}

}
