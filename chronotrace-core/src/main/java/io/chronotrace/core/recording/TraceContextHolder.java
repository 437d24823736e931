package io.chronotrace.core.recording;

import org.jspecify.annotations.Nullable;

/**
 * Binds the {@link ActiveTrace} of the request being recorded to the current thread, so that
 * capture code (JDBC, HTTP clients, cache, logs) can find it. Work handed to other threads
 * carries it with {@link #wrap(Runnable)}.
 */
public final class TraceContextHolder {

	private static final ThreadLocal<ActiveTrace> CURRENT = new ThreadLocal<>();

	/**
	 * Leaves the thread's entry in place with no trace: removing it would make the next
	 * request's look-up insert it again, and every request of the application pay for both.
	 */
	private static final Scope UNBIND = () -> CURRENT.set(null);

	private TraceContextHolder() {
	}

	/**
	 * The trace being recorded on this thread.
	 * @return the trace, or {@code null} when this thread records nothing
	 */
	public static @Nullable ActiveTrace current() {
		return CURRENT.get();
	}

	/**
	 * Binds a trace to this thread until the returned scope is closed, which restores what was
	 * bound before.
	 * @param trace the trace, or {@code null} to unbind
	 * @return the scope to close
	 */
	public static Scope bind(@Nullable ActiveTrace trace) {
		ActiveTrace previous = CURRENT.get();
		CURRENT.set(trace);
		return (previous != null) ? () -> CURRENT.set(previous) : UNBIND;
	}

	/**
	 * Wraps a task so that it runs with the trace that is current now.
	 * @param task the task
	 * @return the wrapped task, or the task itself when nothing is recorded
	 */
	public static Runnable wrap(Runnable task) {
		ActiveTrace trace = CURRENT.get();
		if (trace == null) {
			return task;
		}
		return () -> {
			try (Scope scope = bind(trace)) {
				task.run();
			}
		};
	}

	/** A binding to undo; closing never throws. */
	@FunctionalInterface
	public interface Scope extends AutoCloseable {

		@Override
		void close();

	}

}
