package io.chronotrace.capture.jobs;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.jspecify.annotations.Nullable;

import io.chronotrace.core.recording.ActiveTrace;
import io.chronotrace.core.recording.PendingEvent;
import io.chronotrace.core.recording.TraceContextHolder;
import io.chronotrace.core.trace.JobEvent;
import io.chronotrace.core.trace.TraceError;
import io.chronotrace.core.trace.TraceEvent;

/**
 * A task a recorded request handed to an executor: it runs with the request's trace bound to
 * the worker thread, and is a {@link JobEvent} of that trace from the moment it starts. The
 * event is completed when the trace finishes: a task that ended, or whose future is done, by
 * then is a job with its duration and outcome; one still running, or not started, belongs to no
 * request and is left out.
 */
final class TracedTask implements Runnable, PendingEvent {

	private static final ThreadLocal<TracedTask> RUNNING = new ThreadLocal<>();

	private final Runnable task;

	private final ActiveTrace trace;

	private final long submittedNanos;

	private final int maxStackFrames;

	private volatile String name;

	private volatile @Nullable String thread;

	private volatile long startNanos;

	private volatile long endNanos;

	private volatile @Nullable Throwable failure;

	TracedTask(Runnable task, ActiveTrace trace, String name, int maxStackFrames) {
		this.task = task;
		this.trace = trace;
		this.name = name;
		this.maxStackFrames = maxStackFrames;
		this.submittedNanos = System.nanoTime();
	}

	/**
	 * The traced task running on this thread.
	 * @return the task, or {@code null}
	 */
	static @Nullable TracedTask running() {
		return RUNNING.get();
	}

	/**
	 * Names the job, such as after the {@code @Async} method it runs.
	 * @param name the name
	 */
	void name(String name) {
		this.name = name;
	}

	/**
	 * Ends the job, before the task itself returns: the code that waits for the task's result
	 * may finish the request as soon as it has it.
	 * @param failure what the job's work threw, if anything
	 */
	void end(@Nullable Throwable failure) {
		if (this.endNanos == 0) {
			this.failure = failure;
			this.endNanos = System.nanoTime();
		}
	}

	@Override
	public void run() {
		this.thread = Thread.currentThread().getName();
		this.startNanos = System.nanoTime();
		boolean recorded = this.trace.acceptsEvents() && this.trace.add(this);
		TracedTask outer = RUNNING.get();
		RUNNING.set(recorded ? this : null);
		Throwable failure = null;
		try (TraceContextHolder.Scope scope = TraceContextHolder.bind(this.trace)) {
			this.task.run();
		}
		catch (RuntimeException | Error ex) {
			failure = ex;
			throw ex;
		}
		finally {
			end(failure);
			if (outer == null) {
				RUNNING.remove();
			}
			else {
				RUNNING.set(outer);
			}
		}
	}

	@Override
	public @Nullable TraceEvent complete() {
		long start = this.startNanos;
		long end = this.endNanos;
		Throwable failure = this.failure;
		if (end == 0) {
			if (!(this.task instanceof Future<?> future) || !future.isDone()) {
				return null;
			}
			// the future is done (so is the work): only the task's last steps are still running
			end = System.nanoTime();
		}
		if (failure == null) {
			failure = failureOf(this.task);
		}
		TraceError error = (failure != null) ? TraceError.of(failure, this.maxStackFrames) : null;
		return new JobEvent(this.trace.offsetMicros(start), (end - start) / 1000,
				(failure != null) ? TraceEvent.ERROR : TraceEvent.OK, this.name, this.thread,
				Math.max(0, (start - this.submittedNanos) / 1000), error);
	}

	/** A submitted {@code Callable} runs in a {@link Future}, which keeps its failure. */
	private static @Nullable Throwable failureOf(Runnable task) {
		if (!(task instanceof Future<?> future) || !future.isDone()) {
			return null;
		}
		try {
			future.get();
			return null;
		}
		catch (ExecutionException ex) {
			return (ex.getCause() != null) ? ex.getCause() : ex;
		}
		catch (CancellationException ex) {
			return ex;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

}
