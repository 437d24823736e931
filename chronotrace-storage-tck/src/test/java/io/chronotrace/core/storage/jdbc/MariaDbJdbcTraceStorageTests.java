package io.chronotrace.core.storage.jdbc;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import io.chronotrace.core.compress.Compression;
import io.chronotrace.core.storage.StoredBytes;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.TraceStorageContractTests;
import io.chronotrace.core.trace.TraceId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JDBC backend on a real MariaDB (the MySQL script and statements) passes the storage
 * contract.
 */
class MariaDbJdbcTraceStorageTests extends TraceStorageContractTests {

	private static final AtomicInteger tables = new AtomicInteger();

	private static HikariDataSource dataSource;

	@BeforeAll
	static void startDatabase() {
		dataSource = MariaDbServer.get().newDatabase();
	}

	@AfterAll
	static void closeDataSource() {
		dataSource.close();
	}

	private JdbcTables currentTables;

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
	void aTableOfAnEarlierVersionGetsTheOriginColumnsOnStartAndKeepsItsRows() throws SQLException {
		EarlierTables.assertUpgradedOnStart(dataSource, new JdbcTables("earlier_" + tables.incrementAndGet()));
	}

}
