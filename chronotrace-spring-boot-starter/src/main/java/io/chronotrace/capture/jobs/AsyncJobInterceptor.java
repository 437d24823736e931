package io.chronotrace.capture.jobs;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.util.ClassUtils;

/**
 * Runs on the worker thread of an {@code @Async} method, inside the task the async interceptor
 * submitted: it names the job {@code Class.method}, and ends it when the method returns, before
 * the async interceptor hands the result (or the failure, which it would otherwise keep in a
 * future or give to an exception handler) to the waiting request.
 */
final class AsyncJobInterceptor implements MethodInterceptor {

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		TracedTask task = TracedTask.running();
		if (task == null) {
			return invocation.proceed();
		}
		Object target = invocation.getThis();
		Class<?> type = (target != null) ? AopUtils.getTargetClass(target) : invocation.getMethod().getDeclaringClass();
		task.name(ClassUtils.getUserClass(type).getSimpleName() + "." + invocation.getMethod().getName());
		try {
			Object result = invocation.proceed();
			task.end(null);
			return result;
		}
		catch (Throwable ex) {
			task.end(ex);
			throw ex;
		}
	}

}
