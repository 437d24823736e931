package io.chronotrace.core.encrypt;

import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import io.chronotrace.core.compress.Compression;
import io.chronotrace.core.storage.StoredBytes;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.TraceStorageContractTests;
import io.chronotrace.core.storage.jdbc.JdbcTables;
import io.chronotrace.core.storage.jdbc.JdbcTraceSchema;
import io.chronotrace.core.storage.jdbc.JdbcTraceStorage;
import io.chronotrace.core.storage.jdbc.PostgresServer;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceSummary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The storage contract holds for JDBC storage on a real PostgreSQL under encryption. */
class EncryptedPostgresStorageContractTests extends TraceStorageContractTests {

	private static final AtomicInteger tables = new AtomicInteger();

	private static HikariDataSource dataSource;

	private String table;

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
		JdbcTables table = new JdbcTables("sealed_" + tables.incrementAndGet());
		this.table = table.traces();
		JdbcTraceSchema.create(dataSource, table);
		return new EncryptingTraceStorage(new JdbcTraceStorage(dataSource, table, Compression.DEFAULT),
				TestKeys.keys("k1", "k1"), false);
	}

	@Override
	protected StoredBytes storedBytes() {
		return new StoredBytes().rows(dataSource, this.table);
	}

	@Override
	protected TraceSummary listed(Trace trace) {
		return EncryptedSummaries.listed(trace);
	}

}
