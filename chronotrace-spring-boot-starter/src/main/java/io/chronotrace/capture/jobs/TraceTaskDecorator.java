package io.chronotrace.capture.jobs;

import io.chronotrace.core.recording.ActiveTrace;
import io.chronotrace.core.recording.TraceContextHolder;

import org.springframework.core.task.TaskDecorator;

/**
 * Carries the trace of the request that submits a task to the worker thread that runs it, and
 * records the task as a job: its name, thread, time in the queue, duration and outcome. Tasks
 * submitted by threads that record nothing, and the tasks that process a request
 * asynchronously for Spring MVC (the recording filter carries the trace to those), are
 * returned as they are.
 */
public final class TraceTaskDecorator implements TaskDecorator {

	private final int maxStackFrames;

	/**
	 * Creates a decorator.
	 * @param maxStackFrames the most stack frames kept of a job's failure
	 */
	public TraceTaskDecorator(int maxStackFrames) {
		this.maxStackFrames = maxStackFrames;
	}

	@Override
	public Runnable decorate(Runnable runnable) {
		if (runnable instanceof TracedTask) {
			return runnable;
		}
		ActiveTrace trace = TraceContextHolder.current();
		if (trace == null || trace.isFinished()) {
			return runnable;
		}
		String name = TaskNames.of(runnable);
		return (name != null) ? new TracedTask(runnable, trace, name, this.maxStackFrames) : runnable;
	}

}
