package io.chronotrace.core.storage.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs work in one transaction of a connection: commits when the work returns, rolls back
 * when it throws, and leaves the connection in auto-commit mode either way, since it goes back
 * to the application's pool.
 */
final class JdbcTransaction {

	private JdbcTransaction() {
	}

	/**
	 * Runs the work in a transaction.
	 * @param connection the connection, in auto-commit mode
	 * @param work what to do in the transaction
	 * @return what the work returned
	 * @throws SQLException when the work or the commit fails (a failed rollback is added to the
	 *         work's failure as suppressed)
	 * @throws E what else the work throws
	 */
	static <T, E extends Exception> T run(Connection connection, Work<T, E> work) throws SQLException, E {
		connection.setAutoCommit(false);
		T result;
		try {
			result = work.run();
			connection.commit();
		}
		catch (Throwable ex) {
			// the work's failure says what went wrong: what fails after it only follows from it
			try {
				connection.rollback();
			}
			catch (SQLException rollbackFailed) {
				ex.addSuppressed(rollbackFailed);
			}
			try {
				connection.setAutoCommit(true);
			}
			catch (SQLException resetFailed) {
				ex.addSuppressed(resetFailed);
			}
			throw ex;
		}
		connection.setAutoCommit(true);
		return result;
	}

	/**
	 * Work done in a transaction.
	 * @param <T> what it returns
	 * @param <E> what it throws besides {@link SQLException}
	 */
	@FunctionalInterface
	interface Work<T, E extends Exception> {

		T run() throws SQLException, E;

	}

}
