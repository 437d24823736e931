package io.chronotrace.core.storage.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.chronotrace.core.storage.TraceCursor;
import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.trace.TraceOrigin;
import org.jspecify.annotations.Nullable;

/**
 * The SQL of one listing page: every filter of a {@link TraceQuery} and the keyset cursor in
 * the WHERE clause, newest first by (start time, nanosecond of the second, id), one row more
 * than the page to tell whether another follows.
 * <p>
 * A filter the index cannot answer would make the database read every row for a page it
 * cannot fill; a query's scan limit bounds that. When the query has such filters, a first
 * query ({@link #scanBoundary}) finds the row the scan limit reaches, newest first by the index
 * on start time alone, and the page's query looks no further than that row.
 * <p>
 * Databases keep microseconds, while a trace's start time may have nanoseconds; the column
 * {@code start_time} holds it cut to the microsecond and {@code start_nanos} the exact
 * nanosecond of the second, so that order and bounds are exact.
 */
final class ListingQuery {

	static final String COLUMNS = "id, start_time, start_nanos, duration_micros, application, method, path, status, "
			+ "exception_type, event_count, origin, origin_trace_id";

	private final StringBuilder sql;

	private final List<Binder> binders = new ArrayList<>();

	/**
	 * The query of a page.
	 * @param atOrAfter the last row the page may look at, or {@code null} for no bound
	 */
	ListingQuery(JdbcTables tables, JdbcPlatform platform, TraceQuery query, @Nullable TraceCursor atOrAfter) {
		this(tables, platform, query, COLUMNS, true);
		if (atOrAfter != null) {
			Instant micros = micros(atOrAfter.startTime());
			int nanos = atOrAfter.startTime().getNano();
			this.sql.append(" AND start_time >= ? AND (start_time > ? OR start_nanos > ? OR (start_nanos = ? AND id >= ?))");
			time(platform, micros);
			time(platform, micros);
			integer(nanos);
			integer(nanos);
			this.binders.add((statement, index) -> platform.bindId(statement, index, atOrAfter.id()));
		}
		this.sql.append(" ORDER BY start_time DESC, start_nanos DESC, id DESC LIMIT ").append(query.limit() + 1);
	}

	/**
	 * The query of the row the scan limit reaches: the {@code scanLimit}-th row in the query's
	 * time range and after its cursor, newest first, whatever the other filters; none when the
	 * range holds fewer rows.
	 * @return the query, selecting {@code start_time, start_nanos, id}
	 */
	static ListingQuery scanBoundary(JdbcTables tables, JdbcPlatform platform, TraceQuery query) {
		ListingQuery boundary = new ListingQuery(tables, platform, query, "start_time, start_nanos, id", false);
		boundary.sql.append(" ORDER BY start_time DESC, start_nanos DESC, id DESC LIMIT 1 OFFSET ")
			.append(query.scanLimit() - 1);
		return boundary;
	}

	/**
	 * Whether a query has filters beyond its time range and cursor, which the index on start
	 * time cannot answer.
	 */
	static boolean filtersBeyondTime(TraceQuery query) {
		return query.status() != null || query.method() != null || query.pathPrefix() != null
				|| query.minDuration() != null || query.origins() != null;
	}

	private ListingQuery(JdbcTables tables, JdbcPlatform platform, TraceQuery query, String columns,
			boolean filters) {
		this.sql = new StringBuilder("SELECT ").append(columns).append(" FROM ").append(tables.traces()).append(" WHERE 1 = 1");
		if (query.from() != null) {
			Instant from = query.from();
			Instant micros = micros(from);
			this.sql.append(" AND start_time >= ? AND (start_time > ? OR start_nanos >= ?)");
			time(platform, micros);
			time(platform, micros);
			integer(from.getNano());
		}
		if (query.to() != null) {
			before(platform, query.to(), null);
		}
		if (query.cursor() != null) {
			TraceCursor cursor = TraceCursor.parse(query.cursor());
			before(platform, cursor.startTime(), cursor.id());
		}
		if (filters) {
			filter(platform, query);
		}
	}

	private void filter(JdbcPlatform platform, TraceQuery query) {
		if (query.status() != null) {
			if (query.status().series()) {
				this.sql.append(" AND status >= ? AND status < ?");
				integer(query.status().value() * 100);
				integer(query.status().value() * 100 + 100);
			}
			else {
				this.sql.append(" AND status = ?");
				integer(query.status().value());
			}
		}
		if (query.method() != null) {
			String method = query.method();
			this.sql.append(" AND method = ?");
			this.binders.add((statement, index) -> statement.setString(index, method));
		}
		if (query.pathPrefix() != null) {
			String pattern = likePrefix(query.pathPrefix());
			this.sql.append(" AND path LIKE ? ESCAPE '!'");
			this.binders.add((statement, index) -> statement.setString(index, pattern));
		}
		if (query.minDuration() != null) {
			long nanos = query.minDuration().toNanos();
			long micros = nanos / 1000 + ((nanos % 1000 > 0) ? 1 : 0);
			this.sql.append(" AND duration_micros >= ?");
			this.binders.add((statement, index) -> statement.setLong(index, micros));
		}
		if (query.origins() != null) {
			origins(query.origins());
		}
	}

	/** An ordinary request's row holds NULL, as rows stored before origins existed. */
	private void origins(Set<TraceOrigin> origins) {
		List<String> named = origins.stream().filter((origin) -> origin != TraceOrigin.REQUEST).map(Enum::name).sorted().toList();
		boolean ordinary = origins.contains(TraceOrigin.REQUEST);
		this.sql.append(" AND (");
		if (ordinary) {
			this.sql.append("origin IS NULL");
		}
		if (!named.isEmpty()) {
			this.sql.append(ordinary ? " OR " : "").append("origin IN (");
			for (int i = 0; i < named.size(); i++) {
				String name = named.get(i);
				this.sql.append((i > 0) ? ", ?" : "?");
				this.binders.add((statement, index) -> statement.setString(index, name));
			}
			this.sql.append(")");
		}
		this.sql.append(")");
	}

	String sql() {
		return this.sql.toString();
	}

	void bind(PreparedStatement statement) throws SQLException {
		for (int i = 0; i < this.binders.size(); i++) {
			this.binders.get(i).bind(statement, i + 1);
		}
	}

	/**
	 * Rows strictly before a position: a start time (exclusive) or a start time and id (a
	 * cursor).
	 */
	private void before(JdbcPlatform platform, Instant time, @Nullable TraceId id) {
		Instant micros = micros(time);
		this.sql.append(" AND start_time <= ? AND (start_time < ? OR start_nanos < ?");
		time(platform, micros);
		time(platform, micros);
		integer(time.getNano());
		if (id != null) {
			this.sql.append(" OR (start_nanos = ? AND id < ?)");
			integer(time.getNano());
			this.binders.add((statement, index) -> platform.bindId(statement, index, id));
		}
		this.sql.append(")");
	}

	private void time(JdbcPlatform platform, Instant time) {
		this.binders.add((statement, index) -> platform.bindTime(statement, index, time));
	}

	private void integer(int value) {
		this.binders.add((statement, index) -> statement.setInt(index, value));
	}

	static Instant micros(Instant time) {
		return time.truncatedTo(ChronoUnit.MICROS);
	}

	private static String likePrefix(String prefix) {
		return prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
	}

	@FunctionalInterface
	private interface Binder {

		void bind(PreparedStatement statement, int index) throws SQLException;

	}

}
