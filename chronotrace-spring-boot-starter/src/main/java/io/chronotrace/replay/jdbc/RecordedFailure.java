package io.chronotrace.replay.jdbc;

import java.lang.reflect.Constructor;
import java.sql.SQLException;

import org.jspecify.annotations.Nullable;

import io.chronotrace.core.trace.SqlFailure;

/**
 * A recorded {@code SQLException} thrown again: as the nearest {@code java.sql} class of the
 * recorded one (so that {@code SQLIntegrityConstraintViolationException} and the like are
 * translated as they were), with its message, SQLState and vendor code. A driver's own
 * exception class is not rebuilt: its SQLState and code are what translators read.
 */
final class RecordedFailure {

	private RecordedFailure() {
	}

	static SQLException of(SqlFailure failure) {
		String message = (failure.message() != null) ? failure.message() : failure.type();
		Class<?> type = javaSqlClass(failure.type());
		if (type != null && type != SQLException.class) {
			try {
				Constructor<?> constructor = type.getConstructor(String.class, String.class, int.class);
				return (SQLException) constructor.newInstance(message, failure.sqlState(), failure.errorCode());
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				// no such constructor: a plain one below
			}
		}
		return new SQLException(message, failure.sqlState(), failure.errorCode());
	}

	/** The recorded class or its nearest superclass in {@code java.sql}, when it can be loaded. */
	private static @Nullable Class<?> javaSqlClass(String name) {
		Class<?> type;
		try {
			type = Class.forName(name, false, RecordedFailure.class.getClassLoader());
		}
		catch (ClassNotFoundException | LinkageError ex) {
			try {
				type = Class.forName(name, false, Thread.currentThread().getContextClassLoader());
			}
			catch (ClassNotFoundException | LinkageError | RuntimeException again) {
				return null;
			}
		}
		while (type != null && !type.getName().startsWith("java.sql.")) {
			type = type.getSuperclass();
		}
		return (type != null && SQLException.class.isAssignableFrom(type)) ? type : null;
	}

}
