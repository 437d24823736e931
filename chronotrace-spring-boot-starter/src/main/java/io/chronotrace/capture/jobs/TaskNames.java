package io.chronotrace.capture.jobs;

import java.util.Optional;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * Names a task: its class when the application wrote one, otherwise (a lambda, or a JDK or
 * Spring wrapper such as the {@code FutureTask} of a submitted {@code Callable}) the
 * application method that submitted it. A task Spring MVC submits to process a request
 * asynchronously (a {@code Callable} or {@code WebAsyncTask} handler) is part of that request,
 * not a job of it: it gets no name.
 */
final class TaskNames {

	private static final StackWalker STACK_WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

	private static final String WEB_ASYNC_MANAGER = "org.springframework.web.context.request.async.WebAsyncManager";

	private TaskNames() {
	}

	/**
	 * The name of a task, asked on the thread that submits it.
	 * @param task the task
	 * @return the name, or {@code null} for the request's own asynchronous processing
	 */
	static @Nullable String of(Runnable task) {
		Class<?> type = task.getClass();
		if (isApplicationClass(type.getName()) && !type.isSynthetic() && !type.getName().contains("$$Lambda")) {
			return type.getSimpleName().isEmpty() ? type.getName() : type.getSimpleName();
		}
		Optional<String> submitter = submitter();
		if (submitter.isEmpty()) {
			return type.getSimpleName();
		}
		return submitter.get().isEmpty() ? null : submitter.get();
	}

	/**
	 * The first application frame below the decorator, whatever executor code sits between;
	 * empty text when Spring MVC's async processing comes first.
	 */
	private static Optional<String> submitter() {
		String decorator = TraceTaskDecorator.class.getName();
		return STACK_WALKER.walk((frames) -> submitter(frames
			.dropWhile((frame) -> !(frame.getClassName().equals(decorator) && frame.getMethodName().equals("decorate")))
			.skip(1)));
	}

	private static Optional<String> submitter(Stream<StackWalker.StackFrame> frames) {
		return frames
			.filter((frame) -> frame.getClassName().equals(WEB_ASYNC_MANAGER)
					|| (isApplicationClass(frame.getClassName()) && !frame.getClassName().contains("$$")
							&& !frame.getMethodName().startsWith("lambda$")))
			.findFirst()
			.map((frame) -> frame.getClassName().equals(WEB_ASYNC_MANAGER) ? ""
					: frame.getDeclaringClass().getSimpleName() + "." + frame.getMethodName());
	}

	private static boolean isApplicationClass(String name) {
		return !(name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
				|| name.startsWith("sun.") || name.startsWith("jakarta.") || name.startsWith("reactor.")
				|| name.startsWith("org.springframework.") || name.startsWith("org.apache."));
	}

}
