package io.chronotrace.capture.jobs;

import java.lang.reflect.Field;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.CompositeTaskDecorator;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.function.SingletonSupplier;

/**
 * Adds the {@link TraceTaskDecorator} to every {@link ThreadPoolTaskExecutor} and
 * {@link SimpleAsyncTaskExecutor} bean (Spring Boot's {@code applicationTaskExecutor} among
 * them), composed with the decorator the executor already has, so that the application's own
 * decorator keeps working. Those executors have no getter for their decorator: it is read from
 * their field, and an executor whose field cannot be read is left as it is.
 */
public final class ExecutorCapturePostProcessor implements BeanPostProcessor {

	private static final Log logger = LogFactory.getLog(ExecutorCapturePostProcessor.class);

	private final Supplier<TraceTaskDecorator> decorator;

	/**
	 * Creates a post-processor.
	 * @param decorator supplies the decorator, when the first executor is met
	 */
	public ExecutorCapturePostProcessor(Supplier<TraceTaskDecorator> decorator) {
		this.decorator = SingletonSupplier.of(decorator);
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof ThreadPoolTaskExecutor executor) {
			decorate(executor, beanName, ThreadPoolTaskExecutor.class, executor::setTaskDecorator);
		}
		else if (bean instanceof SimpleAsyncTaskExecutor executor) {
			decorate(executor, beanName, SimpleAsyncTaskExecutor.class, executor::setTaskDecorator);
		}
		return bean;
	}

	private void decorate(Object executor, String beanName, Class<?> type,
			Consumer<TaskDecorator> setter) {
		Field field = ReflectionUtils.findField(type, "taskDecorator", TaskDecorator.class);
		if (field == null) {
			logger.info("ChronoTrace does not record the jobs of executor '" + beanName
					+ "': its task decorator cannot be read");
			return;
		}
		ReflectionUtils.makeAccessible(field);
		TaskDecorator existing = (TaskDecorator) ReflectionUtils.getField(field, executor);
		if (existing instanceof TraceTaskDecorator) {
			return;
		}
		setter.accept(compose(this.decorator.get(), existing));
	}

	private static TaskDecorator compose(TraceTaskDecorator ours, @Nullable TaskDecorator existing) {
		// ours applies first, so that the application's decorator wraps the traced task
		return (existing != null) ? new CompositeTaskDecorator(List.of(ours, existing)) : ours;
	}

}
