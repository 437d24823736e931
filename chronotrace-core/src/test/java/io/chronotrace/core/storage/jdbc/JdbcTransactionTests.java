package io.chronotrace.core.storage.jdbc;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link JdbcTransaction} against an H2 database.
 */
class JdbcTransactionTests {

	private JdbcDataSource dataSource;

	@BeforeEach
	void createTable() throws SQLException {
		this.dataSource = new JdbcDataSource();
		this.dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE t (id INT PRIMARY KEY)");
		}
	}

	@Test
	void commitsWhatTheWorkDidAndReturnsItsResult() throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			int inserted = JdbcTransaction.run(connection, () -> insert(connection, 1) + insert(connection, 2));
			assertThat(inserted).isEqualTo(2);
			assertThat(connection.getAutoCommit()).isTrue();
		}
		assertThat(rows()).isEqualTo(2);
	}

	@Test
	void rollsBackEverythingWhenTheWorkFails() throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> JdbcTransaction.run(connection, () -> {
				insert(connection, 1);
				return insert(connection, 1); // duplicate key
			}));
			assertThat(connection.getAutoCommit()).isTrue();
		}
		assertThat(rows()).isZero();
	}

	@Test
	void rethrowsTheWorksOwnCheckedException() throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			assertThatExceptionOfType(IOException.class)
				.isThrownBy(() -> JdbcTransaction.<Integer, IOException>run(connection, () -> {
					insert(connection, 1);
					throw new IOException("attachment unreadable");
				}))
				.withMessage("attachment unreadable");
		}
		assertThat(rows()).isZero();
	}

	@Test
	void aFailedRollbackDoesNotHideTheWorksFailure() throws SQLException {
		Connection connection = this.dataSource.getConnection();
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> JdbcTransaction.run(connection, () -> {
			insert(connection, 1);
			connection.close(); // the rollback and the auto-commit reset then fail too
			throw new IllegalStateException("work failed");
		})).withMessage("work failed").satisfies((ex) -> assertThat(ex.getSuppressed()).hasSize(2));
	}

	private static int insert(Connection connection, int id) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			return statement.executeUpdate("INSERT INTO t VALUES (" + id + ")");
		}
	}

	private int rows() throws SQLException {
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT count(*) FROM t")) {
			result.next();
			return result.getInt(1);
		}
	}

}
