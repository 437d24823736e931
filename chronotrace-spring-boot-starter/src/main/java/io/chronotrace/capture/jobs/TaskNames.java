package io.chronotrace.capture.jobs;

import java.util.Optional;

/**
 * Names a task: its class when the application wrote one, otherwise (a lambda, or a JDK or
 * Spring wrapper such as the {@code FutureTask} of a submitted {@code Callable}) the
 * application method that submitted it.
 */
final class TaskNames {

	private static final StackWalker STACK_WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

	private TaskNames() {
	}

	static String of(Runnable task) {
		Class<?> type = task.getClass();
		if (isApplicationClass(type.getName()) && !type.isSynthetic() && !type.getName().contains("$$Lambda")) {
			return type.getSimpleName().isEmpty() ? type.getName() : type.getSimpleName();
		}
		return submitter().orElse(type.getSimpleName());
	}

	/** The first application frame below the decorator, whatever executor code sits between. */
	private static Optional<String> submitter() {
		String decorator = TraceTaskDecorator.class.getName();
		return STACK_WALKER.walk((frames) -> frames
			.dropWhile((frame) -> !(frame.getClassName().equals(decorator) && frame.getMethodName().equals("decorate")))
			.skip(1)
			.filter((frame) -> isApplicationClass(frame.getClassName()) && !frame.getClassName().contains("$$")
					&& !frame.getMethodName().startsWith("lambda$"))
			.findFirst()
			.map((frame) -> frame.getDeclaringClass().getSimpleName() + "." + frame.getMethodName()));
	}

	private static boolean isApplicationClass(String name) {
		return !(name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
				|| name.startsWith("sun.") || name.startsWith("reactor.") || name.startsWith("org.springframework."));
	}

}
