package io.chronotrace.core.storage.jdbc;

import java.io.InputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.chronotrace.core.compress.Compression;
import io.chronotrace.core.storage.PurgeResult;
import io.chronotrace.core.storage.StoredBytes;
import io.chronotrace.core.storage.TraceLayout;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.TraceStorageContractTests;
import io.chronotrace.core.trace.TestTraces;
import io.chronotrace.core.trace.Trace;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.entry;

/**
 * The JDBC backend on H2 passes the storage contract, and purges in bounded chunks where the
 * database has no partitions.
 */
class H2JdbcTraceStorageTests extends TraceStorageContractTests {

	private JdbcDataSource dataSource;

	@Override
	protected TraceStorage createStorage() {
		this.dataSource = new JdbcDataSource();
		this.dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		JdbcTables tables = new JdbcTables("chronotrace_traces");
		JdbcTraceSchema.create(this.dataSource, tables);
		return new JdbcTraceStorage(this.dataSource, tables, Compression.NONE);
	}

	@Override
	protected StoredBytes storedBytes() {
		return new StoredBytes().rows(this.dataSource, "chronotrace_traces");
	}

	@Test
	void purgeDeletesMoreThanOneChunkOfTraces() throws SQLException {
		int count = JdbcTraceStorage.PURGE_CHUNK * 2 + 17;
		List<Trace> old = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			old.add(TestTraces.trace(DAY.minus(1, ChronoUnit.DAYS).plusMillis(i)));
		}
		assertThat(this.storage.storeAll(old).allStored()).isTrue();
		this.storage.store(TestTraces.trace(DAY.plusSeconds(1)));

		assertThat(this.storage.purgeOlderThan(DAY)).isEqualTo(PurgeResult.of(count, List.of(TraceLayout.dayOf(DAY).minusDays(1))));

		try (Connection connection = this.dataSource.getConnection(); Statement statement = connection.createStatement();
				ResultSet row = statement.executeQuery("SELECT count(*) FROM chronotrace_traces")) {
			row.next();
			assertThat(row.getInt(1)).isEqualTo(1);
		}
	}

	@Test
	void sizeByDayAddsUpWhatEachDayStored() {
		long first = this.storage.store(TestTraces.trace(DAY.minus(1, ChronoUnit.DAYS).plusSeconds(1)));
		long second = this.storage.store(TestTraces.trace(DAY.minus(1, ChronoUnit.DAYS).plusSeconds(2)));
		long third = this.storage.store(TestTraces.trace(DAY.plusSeconds(1)));

		assertThat(this.storage.sizeByDay()).containsExactly(entry(LocalDate.of(2025, 3, 9), first + second),
				entry(LocalDate.of(2025, 3, 10), third));
	}

	@Test
	void aChunkLargerThanAnyChunkWrittenIsRefusedNotReadWhole() throws Exception {
		Trace trace = TestTraces.withResponseAttachment(TestTraces.trace(DAY.plusSeconds(1)),
				TestTraces.largeAttachment(this.attachmentDir, "response-body", 3L * AttachmentChunks.CHUNK_SIZE, 7));
		this.storage.store(trace);
		try (Connection connection = this.dataSource.getConnection();
				var update = connection.prepareStatement(
						"UPDATE chronotrace_traces_attachments SET content = ? WHERE chunk = ?")) {
			update.setBytes(1, new byte[AttachmentChunks.CHUNK_SIZE + 1]);
			update.setInt(2, 1);
			assertThat(update.executeUpdate()).isEqualTo(1);
		}

		try (InputStream in = this.storage.openAttachment(trace.id(), "response-body").orElseThrow()) {
			assertThatIOException().isThrownBy(in::readAllBytes)
				.withMessageContaining("response-body")
				.withMessageContaining(trace.id().toString())
				.withMessageContaining("chunk 1 is " + (AttachmentChunks.CHUNK_SIZE + 1) + " bytes");
		}
	}

	@Test
	void schemaCanBeCreatedAgain() {
		JdbcTraceSchema.create(this.dataSource, new JdbcTables("chronotrace_traces"));

		assertThat(this.storage.check().up()).isTrue();
	}

	@Test
	void aTableOfAnEarlierVersionGetsTheOriginColumnsOnStartAndKeepsItsRows() throws SQLException {
		EarlierTables.assertUpgradedOnStart(this.dataSource, new JdbcTables("earlier_traces"));
	}

}
