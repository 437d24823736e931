package io.chronotrace.core.storage.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import javax.sql.DataSource;

import io.chronotrace.core.compress.Compression;
import io.chronotrace.core.storage.BatchStoreResult;
import io.chronotrace.core.storage.PurgeResult;
import io.chronotrace.core.storage.StorageCheck;
import io.chronotrace.core.storage.StorageDescription;
import io.chronotrace.core.storage.TraceCursor;
import io.chronotrace.core.storage.TraceLayout;
import io.chronotrace.core.storage.TracePage;
import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.TraceStorageException;
import io.chronotrace.core.support.AttachmentStream;
import io.chronotrace.core.support.RateLimitedLog;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceAttachment;
import io.chronotrace.core.trace.TraceCodec;
import io.chronotrace.core.trace.TraceFormatException;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.trace.TraceOrigin;
import io.chronotrace.core.trace.TraceSummary;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps traces in a database table ({@code storage: jdbc}) through plain JDBC: one row per
 * trace with the columns a listing filters on and the trace itself compressed in a binary
 * column, attachments in chunks in a second table.
 * <p>
 * A batch is stored in one transaction with one JDBC batch of upserts, so a retried trace
 * replaces its row. On PostgreSQL both tables are partitioned by day and purge drops whole
 * partitions; on other databases purge deletes in transactions of {@link #PURGE_CHUNK} traces,
 * so it never locks the table for long. Listing is a keyset query on an index, newest first.
 * The tables are created by {@link JdbcTraceSchema}.
 */
public final class JdbcTraceStorage implements TraceStorage {

	/** The most traces one purge transaction deletes on databases without partitions. */
	public static final int PURGE_CHUNK = 1000;

	/** The most characters of the path column; the trace itself keeps the whole path. */
	static final int PATH_LENGTH = 1024;

	private static final Logger logger = LoggerFactory.getLogger(JdbcTraceStorage.class);

	private static final List<String> COLUMNS = List.of("id", "start_time", "start_nanos", "duration_micros",
			"application", "method", "path", "status", "has_exception", "exception_type", "event_count", "stored_bytes",
			"trace", "origin", "origin_trace_id");

	private final DataSource dataSource;

	private final JdbcTables tables;

	private final Compression compression;

	private final JdbcPlatform platform;

	private final String databaseName;

	private final AttachmentChunks attachments;

	private final DayPartitions partitions;

	private final JdbcRetention retention;

	private final String upsert;

	private final RateLimitedLog unreadable = new RateLimitedLog(logger, Duration.ofMinutes(1));

	/**
	 * Creates a storage on tables that exist ({@link JdbcTraceSchema#create}).
	 * @param dataSource the database; ChronoTrace's statements go through it, so it should not
	 * be one whose statements are recorded
	 * @param tables the table names
	 * @param compression whether and how traces and attachments are compressed
	 * @throws TraceStorageException when the database cannot be reached or is not supported
	 */
	public JdbcTraceStorage(DataSource dataSource, JdbcTables tables, Compression compression) {
		this.dataSource = dataSource;
		this.tables = tables;
		this.compression = compression;
		try (Connection connection = dataSource.getConnection()) {
			this.platform = JdbcPlatform.of(connection.getMetaData());
			this.databaseName = connection.getMetaData().getDatabaseProductName() + " "
					+ connection.getMetaData().getDatabaseProductVersion();
		}
		catch (SQLException | IllegalArgumentException ex) {
			throw new TraceStorageException("jdbc storage cannot use the database: " + ex.getMessage(), ex);
		}
		this.attachments = new AttachmentChunks(dataSource, tables, this.platform, compression);
		this.partitions = new DayPartitions(dataSource, tables);
		this.retention = new JdbcRetention(dataSource, tables, this.platform, this.partitions);
		this.upsert = this.platform.upsert(tables.traces(), COLUMNS,
				this.platform.partitionsByDay() ? List.of("id", "start_time") : List.of("id"));
	}

	/**
	 * The database platform in use.
	 * @return the platform
	 */
	public JdbcPlatform platform() {
		return this.platform;
	}

	@Override
	public long store(Trace trace) {
		return storeAll(List.of(trace)).bytesWrittenOrThrow();
	}

	@Override
	public BatchStoreResult storeAll(List<Trace> traces) {
		List<BatchStoreResult.Failure> failures = new ArrayList<>();
		List<EncodedTrace> encoded = new ArrayList<>(traces.size());
		for (Trace trace : traces) {
			Optional<String> unstorable = TraceLayout.unstorableReason(trace);
			if (unstorable.isPresent()) {
				failures.add(new BatchStoreResult.Failure(trace.id(), new TraceStorageException(
						"jdbc storage cannot store trace " + trace.id() + ": " + unstorable.get(), null)));
			}
			else {
				encoded.add(new EncodedTrace(trace, this.compression.compress(TraceCodec.get().toBytes(trace))));
			}
		}
		if (encoded.isEmpty()) {
			return new BatchStoreResult(0, failures);
		}
		try {
			return new BatchStoreResult(write(encoded), failures);
		}
		catch (SQLException | IOException | RuntimeException ex) {
			if (encoded.size() == 1) {
				failures.add(new BatchStoreResult.Failure(encoded.get(0).trace().id(), failure(encoded.get(0), ex)));
				return new BatchStoreResult(0, failures);
			}
			// One bad trace must not fail its neighbours: store them one by one to find it.
			long bytes = 0;
			this.partitions.forget();
			for (EncodedTrace one : encoded) {
				try {
					bytes += write(List.of(one));
				}
				catch (SQLException | IOException | RuntimeException oneFailed) {
					failures.add(new BatchStoreResult.Failure(one.trace().id(), failure(one, oneFailed)));
				}
			}
			return new BatchStoreResult(bytes, failures);
		}
	}

	private long write(List<EncodedTrace> batch) throws SQLException, IOException {
		if (this.platform.partitionsByDay()) {
			this.partitions.ensure(batch.stream().map((one) -> TraceLayout.dayOf(one.trace().startTime())).toList());
		}
		try (Connection connection = this.dataSource.getConnection()) {
			return JdbcTransaction.<Long, IOException>run(connection, () -> {
				long bytes = 0;
				try (PreparedStatement statement = connection.prepareStatement(this.upsert)) {
					for (EncodedTrace one : batch) {
						bind(statement, one);
						statement.addBatch();
						bytes += one.bytes().length;
					}
					statement.executeBatch();
				}
				for (EncodedTrace one : batch) {
					if (!one.trace().attachments().isEmpty()) {
						bytes += this.attachments.write(connection, one.trace().id(),
								ListingQuery.micros(one.trace().startTime()), one.trace().attachments());
					}
				}
				return bytes;
			});
		}
	}

	private void bind(PreparedStatement statement, EncodedTrace encoded) throws SQLException {
		Trace trace = encoded.trace();
		TraceSummary summary = trace.summary();
		long attachmentBytes = trace.attachments().stream().mapToLong(TraceAttachment::size).sum();
		this.platform.bindId(statement, 1, trace.id());
		this.platform.bindTime(statement, 2, ListingQuery.micros(trace.startTime()));
		statement.setInt(3, trace.startTime().getNano());
		statement.setLong(4, trace.durationMicros());
		statement.setString(5, summary.application());
		statement.setString(6, summary.method());
		statement.setString(7, (summary.path().length() > PATH_LENGTH) ? summary.path().substring(0, PATH_LENGTH)
				: summary.path());
		statement.setInt(8, summary.status());
		statement.setBoolean(9, trace.exception() != null);
		statement.setString(10, summary.exceptionType());
		statement.setInt(11, summary.eventCount());
		statement.setLong(12, encoded.bytes().length + attachmentBytes);
		statement.setBytes(13, encoded.bytes());
		// an ordinary request keeps NULL, as every row stored before origins existed
		statement.setString(14, (summary.origin() != TraceOrigin.REQUEST) ? summary.origin().name() : null);
		statement.setString(15, (summary.originTraceId() != null) ? summary.originTraceId().toString() : null);
	}

	private TraceStorageException failure(EncodedTrace encoded, Exception ex) {
		if (ex instanceof TraceStorageException storageException) {
			return storageException;
		}
		return new TraceStorageException("jdbc storage could not store trace " + encoded.trace().id() + " in "
				+ this.tables.traces() + ": " + describe(ex), ex, ex instanceof SQLException || ex instanceof IOException);
	}

	@Override
	public Optional<Trace> retrieve(TraceId id) {
		String sql = "SELECT trace FROM " + this.tables.traces() + " WHERE id = ?";
		Optional<Instant> idTime = id.timestamp();
		if (idTime.isPresent()) {
			// A time-ordered id tells the millisecond of its start: PostgreSQL then reads one partition.
			sql += " AND start_time >= ? AND start_time < ?";
		}
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement(sql)) {
			this.platform.bindId(statement, 1, id);
			if (idTime.isPresent()) {
				this.platform.bindTime(statement, 2, idTime.get());
				this.platform.bindTime(statement, 3, idTime.get().plusMillis(1));
			}
			statement.setMaxRows(1);
			try (ResultSet row = statement.executeQuery()) {
				if (!row.next()) {
					return Optional.empty();
				}
				try (InputStream in = Compression.decompress(row.getBinaryStream(1))) {
					return Optional.of(TraceCodec.get().readTrace(in));
				}
				catch (TraceFormatException | IOException ex) {
					this.unreadable.warn("Skipped unreadable trace " + id + " in " + this.tables.traces() + ": "
							+ ex.getMessage(), ex);
					return Optional.empty();
				}
			}
		}
		catch (SQLException ex) {
			throw unreachable("read trace " + id, ex);
		}
	}

	@Override
	public TracePage list(TraceQuery query) {
		List<TraceSummary> summaries = new ArrayList<>(query.limit() + 1);
		TraceCursor boundary = null;
		try (Connection connection = this.dataSource.getConnection()) {
			if (ListingQuery.filtersBeyondTime(query)) {
				boundary = scanBoundary(connection, query);
			}
			ListingQuery listing = new ListingQuery(this.tables, this.platform, query, boundary);
			try (PreparedStatement statement = connection.prepareStatement(listing.sql())) {
				listing.bind(statement);
				try (ResultSet rows = statement.executeQuery()) {
					while (rows.next()) {
						summaries.add(summary(rows));
					}
				}
			}
		}
		catch (SQLException ex) {
			throw unreachable("list traces", ex);
		}
		if (boundary == null || summaries.size() > query.limit()) {
			return TracePage.of(summaries, query);
		}
		// the scan limit was reached before the page filled: continue after the last row looked at
		return new TracePage(summaries, boundary.encoded());
	}

	/** The row the query's scan limit reaches, or {@code null} when its range holds fewer. */
	private @Nullable TraceCursor scanBoundary(Connection connection, TraceQuery query) throws SQLException {
		ListingQuery boundary = ListingQuery.scanBoundary(this.tables, this.platform, query);
		try (PreparedStatement statement = connection.prepareStatement(boundary.sql())) {
			boundary.bind(statement);
			try (ResultSet row = statement.executeQuery()) {
				if (!row.next()) {
					return null;
				}
				Instant micros = this.platform.readTime(row, 1);
				return new TraceCursor(Instant.ofEpochSecond(micros.getEpochSecond(), row.getInt(2)),
						TraceId.parse(row.getString(3)));
			}
		}
	}

	private TraceSummary summary(ResultSet rows) throws SQLException {
		Instant micros = this.platform.readTime(rows, 2);
		Instant start = Instant.ofEpochSecond(micros.getEpochSecond(), rows.getInt(3));
		String originTraceId = rows.getString(12);
		return new TraceSummary(TraceId.parse(rows.getString(1)), start, rows.getLong(4), rows.getString(5),
				rows.getString(6), rows.getString(7), rows.getInt(8), rows.getString(9), rows.getInt(10),
				origin(rows.getString(11)), TraceId.isValid(originTraceId) ? TraceId.parse(originTraceId) : null);
	}

	private static TraceOrigin origin(@Nullable String name) {
		for (TraceOrigin origin : TraceOrigin.values()) {
			if (origin.name().equals(name)) {
				return origin;
			}
		}
		return TraceOrigin.REQUEST;
	}

	@Override
	public boolean delete(TraceId id) {
		try (Connection connection = this.dataSource.getConnection()) {
			return JdbcTransaction.run(connection, () -> this.retention.delete(connection, List.of(id))) > 0;
		}
		catch (SQLException ex) {
			throw unreachable("delete trace " + id, ex);
		}
	}

	/**
	 * Deletes the days that lie wholly before the cutoff: on PostgreSQL by dropping their
	 * partitions, elsewhere {@link #PURGE_CHUNK} traces per transaction, oldest first.
	 */
	@Override
	public PurgeResult purgeOlderThan(Instant cutoff) {
		try {
			return this.retention.purgeDaysBefore(TraceLayout.dayOf(cutoff));
		}
		catch (SQLException ex) {
			throw unreachable("purge traces older than " + cutoff, ex);
		}
	}

	@Override
	public SortedMap<LocalDate, Long> sizeByDay() {
		try {
			return this.retention.sizeByDay();
		}
		catch (SQLException ex) {
			throw unreachable("measure the traces per day", ex);
		}
	}

	@Override
	public Optional<InputStream> openAttachment(TraceId id, String name) {
		if (!TraceLayout.isAttachmentName(name)) {
			return Optional.empty();
		}
		try {
			return AttachmentStream.of(this.attachments.open(id, name), id, name, description().type());
		}
		catch (IOException ex) {
			// the rows are there but do not hold an attachment this storage wrote
			this.unreadable.warn("Skipped unreadable attachment " + name + " of trace " + id + " in "
					+ this.tables.attachments() + ": " + ex.getMessage(), ex);
			return Optional.empty();
		}
		catch (SQLException ex) {
			throw unreachable("read attachment " + name + " of trace " + id, ex);
		}
	}

	/**
	 * Reads the start time of the newest trace: one short query on the newest-first index,
	 * never a write, so that health can call it as often as it likes.
	 */
	@Override
	public StorageCheck check() {
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement(
						"SELECT start_time FROM " + this.tables.traces() + " ORDER BY start_time DESC LIMIT 1");
				ResultSet row = statement.executeQuery()) {
			StorageCheck check = StorageCheck.ok().withDetail("table", this.tables.traces())
				.withDetail("database", this.databaseName);
			return row.next() ? check.withDetail("newestTrace", this.platform.readTime(row, 1).toString()) : check;
		}
		catch (SQLException | RuntimeException ex) {
			return StorageCheck.down("table " + this.tables.traces() + " cannot be read: " + describe(ex))
				.withDetail("table", this.tables.traces());
		}
	}

	/**
	 * Writes a row to the attachments table, reads it back and rolls the transaction back, so
	 * that no reader ever sees it; then reads the table as {@link #check()} does.
	 */
	@Override
	public StorageCheck probe() {
		Instant now = Instant.now();
		TraceId id = TraceId.create(now);
		try {
			if (this.platform.partitionsByDay()) {
				this.partitions.ensure(List.of(TraceLayout.dayOf(now)));
			}
			try (Connection connection = this.dataSource.getConnection()) {
				connection.setAutoCommit(false);
				try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + this.tables.attachments()
						+ " (trace_id, start_time, name, chunk, gzip, content) VALUES (?, ?, 'probe', 0, ?, ?)");
						PreparedStatement select = connection.prepareStatement("SELECT content FROM "
								+ this.tables.attachments() + " WHERE trace_id = ? AND name = 'probe'")) {
					this.platform.bindId(insert, 1, id);
					this.platform.bindTime(insert, 2, now);
					insert.setBoolean(3, false);
					insert.setBytes(4, id.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
					insert.executeUpdate();
					this.platform.bindId(select, 1, id);
					try (ResultSet row = select.executeQuery()) {
						if (!row.next()) {
							throw new SQLException("the probe row written was not read back");
						}
					}
				}
				finally {
					connection.rollback();
					connection.setAutoCommit(true);
				}
			}
		}
		catch (SQLException | RuntimeException ex) {
			return StorageCheck.down("table " + this.tables.attachments() + " cannot be written: " + describe(ex))
				.withDetail("table", this.tables.traces());
		}
		return check();
	}

	@Override
	public StorageDescription description() {
		return new StorageDescription("jdbc", this.tables.traces() + " (" + this.databaseName + ")");
	}

	@Override
	public String toString() {
		return "JdbcTraceStorage{table=" + this.tables.traces() + ", platform=" + this.platform + "}";
	}

	private TraceStorageException unreachable(String what, Exception ex) {
		return new TraceStorageException("jdbc storage could not " + what + " in " + this.tables.traces() + ": "
				+ describe(ex), ex, true);
	}

	private static String describe(Throwable ex) {
		if (ex instanceof java.sql.BatchUpdateException batch && batch.getNextException() != null) {
			return batch.getNextException().getMessage();
		}
		String message = ex.getMessage();
		return (message != null) ? message.lines().findFirst().orElse(message) : ex.getClass().getSimpleName();
	}

	private record EncodedTrace(Trace trace, byte[] bytes) {

	}

}
