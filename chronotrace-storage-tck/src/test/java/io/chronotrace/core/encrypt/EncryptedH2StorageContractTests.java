package io.chronotrace.core.encrypt;

import java.util.UUID;

import io.chronotrace.core.compress.Compression;
import io.chronotrace.core.storage.StoredBytes;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.TraceStorageContractTests;
import io.chronotrace.core.storage.jdbc.JdbcTables;
import io.chronotrace.core.storage.jdbc.JdbcTraceSchema;
import io.chronotrace.core.storage.jdbc.JdbcTraceStorage;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceSummary;
import org.h2.jdbcx.JdbcDataSource;

/** The storage contract holds for JDBC storage on H2 under encryption. */
class EncryptedH2StorageContractTests extends TraceStorageContractTests {

	private JdbcDataSource dataSource;

	@Override
	protected TraceStorage createStorage() {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		this.dataSource = dataSource;
		JdbcTables tables = new JdbcTables("chronotrace_traces");
		JdbcTraceSchema.create(dataSource, tables);
		return new EncryptingTraceStorage(new JdbcTraceStorage(dataSource, tables, Compression.DEFAULT),
				TestKeys.keys("k1", "k1"), false);
	}

	@Override
	protected StoredBytes storedBytes() {
		return new StoredBytes().rows(this.dataSource, "chronotrace_traces");
	}

	@Override
	protected TraceSummary listed(Trace trace) {
		return EncryptedSummaries.listed(trace);
	}

}
