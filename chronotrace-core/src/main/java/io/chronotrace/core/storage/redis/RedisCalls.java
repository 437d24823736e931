package io.chronotrace.core.storage.redis;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.chronotrace.core.storage.TraceStorageException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisFuture;

/**
 * Waits for the answers of asynchronous Lettuce calls and turns what fails into
 * {@link TraceStorageException}s that say whether a later attempt may succeed.
 */
final class RedisCalls {

	private final Duration timeout;

	RedisCalls(Duration timeout) {
		this.timeout = timeout;
	}

	/**
	 * The deadline of calls sent now, in {@link System#nanoTime()} terms.
	 * @return the deadline
	 */
	long deadline() {
		return System.nanoTime() + this.timeout.toNanos();
	}

	<T> T await(RedisFuture<T> future, String what) {
		return await(future, deadline(), what);
	}

	<T> T await(RedisFuture<T> future, long deadline, String what) {
		try {
			return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TraceStorageException("Redis storage was interrupted while it tried to " + what, ex, true);
		}
		catch (TimeoutException ex) {
			future.cancel(false);
			throw new TraceStorageException(
					"Redis storage could not " + what + ": no answer within " + this.timeout.toMillis() + " ms", ex,
					true);
		}
		catch (ExecutionException ex) {
			throw failure(what, ex.getCause());
		}
		catch (RuntimeException ex) {
			throw failure(what, ex);
		}
	}

	static TraceStorageException failure(String what, Throwable ex) {
		if (ex instanceof TraceStorageException storage) {
			return storage;
		}
		return new TraceStorageException("Redis storage could not " + what + ": " + describe(ex), ex, isRetryable(ex));
	}

	/**
	 * Whether the same call may succeed later: a lost connection, a timeout, or a server that
	 * is loading, busy or out of memory for now; not a refused command (wrong type, no auth).
	 * @param ex the failure
	 * @return whether it is worth retrying
	 */
	static boolean isRetryable(Throwable ex) {
		if (ex instanceof RedisConnectionException || ex instanceof RedisCommandTimeoutException
				|| ex instanceof RedisCommandInterruptedException || ex instanceof java.io.IOException) {
			return true;
		}
		if (ex instanceof RedisCommandExecutionException command) {
			String message = String.valueOf(command.getMessage());
			return message.startsWith("LOADING") || message.startsWith("BUSY") || message.startsWith("OOM")
					|| message.startsWith("TRYAGAIN") || message.startsWith("CLUSTERDOWN");
		}
		return ex.getCause() != null && ex.getCause() != ex && isRetryable(ex.getCause());
	}

	static String describe(Throwable ex) {
		String message = ex.getMessage();
		return (message != null && !message.isBlank()) ? message : ex.getClass().getSimpleName();
	}

}
