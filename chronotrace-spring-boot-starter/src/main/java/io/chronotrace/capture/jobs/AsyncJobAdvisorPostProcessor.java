package io.chronotrace.capture.jobs;

import org.springframework.aop.Advisor;
import org.springframework.aop.PointcutAdvisor;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.interceptor.AsyncExecutionInterceptor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Adds the {@link AsyncJobInterceptor} right after the {@code @Async} interceptor of every bean
 * that has {@code @Async} methods, so that it runs on the worker thread. It is not ordered, so
 * Spring runs it after the {@code AsyncAnnotationBeanPostProcessor} that creates those proxies.
 */
public final class AsyncJobAdvisorPostProcessor implements BeanPostProcessor {

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!(bean instanceof Advised advised) || advised.isFrozen()) {
			return bean;
		}
		Advisor[] advisors = advised.getAdvisors();
		for (int i = 0; i < advisors.length; i++) {
			if (advisors[i].getAdvice() instanceof AsyncJobInterceptor) {
				return bean;
			}
		}
		for (int i = 0; i < advisors.length; i++) {
			if (advisors[i] instanceof PointcutAdvisor async
					&& async.getAdvice() instanceof AsyncExecutionInterceptor) {
				advised.addAdvisor(i + 1, new DefaultPointcutAdvisor(async.getPointcut(), new AsyncJobInterceptor()));
				return bean;
			}
		}
		return bean;
	}

}
