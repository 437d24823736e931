package io.chronotrace.replay.jdbc;

import java.io.Closeable;
import java.io.IOException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.function.Supplier;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

/**
 * A data source bean of the application, which hands the replayed request of an isolated replay
 * (its thread and the threads it hands work to) a connection that answers from the recording
 * ({@link ReplayConnection}), without asking the pool: the replay works with the database
 * stopped. Every other request gets the data source's own connections. Delegates
 * {@code unwrap} and {@code isWrapperFor}, so that pool metrics and health still find the pool,
 * and closes the pool when it is closed.
 */
public final class ReplayingDataSource implements DataSource, Closeable {

	private final DataSource target;

	private final String name;

	private final Supplier<@Nullable RecordedStatements> replay;

	private volatile @Nullable DatabaseDescription database;

	/**
	 * Wraps a data source.
	 * @param target the application's data source
	 * @param name its bean name, by which recorded statements name it
	 * @param replay the recorded statements of the isolated replay the current thread works for,
	 * {@code null} when it works for none
	 */
	public ReplayingDataSource(DataSource target, String name, Supplier<@Nullable RecordedStatements> replay) {
		this.target = target;
		this.name = name;
		this.replay = replay;
	}

	/**
	 * The data source beneath a replaying one, for ChronoTrace's own statements (its JDBC storage),
	 * which are never answered from a recording.
	 * @param dataSource a data source
	 * @return the one it wraps, when it is a replaying data source, otherwise itself
	 */
	public static DataSource original(DataSource dataSource) {
		return (dataSource instanceof ReplayingDataSource replaying) ? replaying.target : dataSource;
	}

	@Override
	public Connection getConnection() throws SQLException {
		RecordedStatements recording = this.replay.get();
		if (recording != null) {
			return ReplayConnection.of(this.name, recording, description());
		}
		return remembered(this.target.getConnection());
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		RecordedStatements recording = this.replay.get();
		if (recording != null) {
			return ReplayConnection.of(this.name, recording, description());
		}
		return remembered(this.target.getConnection(username, password));
	}

	/** Reads what the database says of itself from the first connection it hands out. */
	private Connection remembered(Connection connection) {
		if (this.database == null) {
			this.database = DatabaseDescription.of(connection);
		}
		return connection;
	}

	private DatabaseDescription description() {
		DatabaseDescription database = this.database;
		return (database != null) ? database : DatabaseDescription.unknown();
	}

	/**
	 * The bean name of the data source.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	@Override
	public PrintWriter getLogWriter() throws SQLException {
		return this.target.getLogWriter();
	}

	@Override
	public void setLogWriter(PrintWriter out) throws SQLException {
		this.target.setLogWriter(out);
	}

	@Override
	public void setLoginTimeout(int seconds) throws SQLException {
		this.target.setLoginTimeout(seconds);
	}

	@Override
	public int getLoginTimeout() throws SQLException {
		return this.target.getLoginTimeout();
	}

	@Override
	public Logger getParentLogger() throws SQLFeatureNotSupportedException {
		return this.target.getParentLogger();
	}

	@Override
	public <T> T unwrap(Class<T> type) throws SQLException {
		return type.isInstance(this) ? type.cast(this) : this.target.unwrap(type);
	}

	@Override
	public boolean isWrapperFor(Class<?> type) throws SQLException {
		return type.isInstance(this) || this.target.isWrapperFor(type);
	}

	@Override
	public void close() throws IOException {
		if (this.target instanceof AutoCloseable closeable) {
			try {
				closeable.close();
			}
			catch (IOException | RuntimeException ex) {
				throw ex;
			}
			catch (Exception ex) {
				throw new IOException(ex);
			}
		}
	}

	@Override
	public String toString() {
		return "ReplayingDataSource[" + this.name + ": " + this.target + "]";
	}

}
