package io.chronotrace.core.storage.tiered;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import io.chronotrace.core.compress.Compression;
import io.chronotrace.core.storage.StoredBytes;
import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.TraceStorageContractTests;
import io.chronotrace.core.storage.jdbc.JdbcTables;
import io.chronotrace.core.storage.jdbc.JdbcTraceSchema;
import io.chronotrace.core.storage.jdbc.JdbcTraceStorage;
import io.chronotrace.core.storage.jdbc.PostgresServer;
import io.chronotrace.core.storage.local.LocalFileSystemTraceStorage;
import io.chronotrace.core.trace.TestTraces;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceSummary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tiered storage with a local hot tier and a PostgreSQL table as the cold tier passes the
 * storage contract, and its mover moves traces into the table.
 */
class TieredLocalAndJdbcTests extends TraceStorageContractTests {

	private static final AtomicInteger tables = new AtomicInteger();

	private static HikariDataSource dataSource;

	@TempDir
	Path hotDirectory;

	private LocalFileSystemTraceStorage hot;

	private JdbcTraceStorage cold;

	private String coldTable;

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
		JdbcTables table = new JdbcTables("tiered_" + tables.incrementAndGet());
		this.coldTable = table.traces();
		JdbcTraceSchema.create(dataSource, table);
		this.hot = new LocalFileSystemTraceStorage(this.hotDirectory, Compression.DEFAULT);
		this.cold = new JdbcTraceStorage(dataSource, table, Compression.DEFAULT);
		return new TieredTraceStorage(this.hot, this.cold);
	}

	@Override
	protected StoredBytes storedBytes() {
		return new StoredBytes().files(this.hotDirectory).rows(dataSource, this.coldTable);
	}

	@Test
	void theMoverMovesTracesIntoTheTable() {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		Trace old = TestTraces.full(now.minus(2, ChronoUnit.HOURS), this.attachmentDir);
		Trace recent = TestTraces.trace(now.minus(1, ChronoUnit.MINUTES), 200);
		this.storage.storeAll(List.of(old, recent));

		assertThat(new TierMover((TieredTraceStorage) this.storage, Duration.ofHours(1), Clock.fixed(now, ZoneOffset.UTC))
			.moveDue()).isOne();

		assertThat(this.hot.retrieve(old.id())).isEmpty();
		assertThat(this.cold.retrieve(old.id())).contains(old.withoutAttachments());
		assertThat(this.cold.openAttachment(old.id(), old.attachments().get(0).name())).isPresent();
		assertThat(listAll(TraceQuery.builder())).extracting(TraceSummary::id).containsExactly(recent.id(), old.id());
	}

}
