package io.chronotrace.core.storage.jdbc;

import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import io.chronotrace.core.compress.Compression;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.TraceStorageContractTests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

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

	@Override
	protected TraceStorage createStorage() {
		JdbcTables currentTables = new JdbcTables("traces_" + tables.incrementAndGet());
		JdbcTraceSchema.create(dataSource, currentTables);
		return new JdbcTraceStorage(dataSource, currentTables, Compression.DEFAULT);
	}

}
