package io.chronotrace.capture.jobs;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.chronotrace.autoconfigure.ChronoTraceJobCaptureAutoConfiguration;
import io.chronotrace.capture.Recorded;
import io.chronotrace.core.recording.ChronoTrace;
import io.chronotrace.core.trace.CustomEvent;
import io.chronotrace.core.trace.JobEvent;
import io.chronotrace.core.trace.TraceEvent;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskDecorator;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

class JobCaptureTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class,
				ChronoTraceJobCaptureAutoConfiguration.class))
		.withUserConfiguration(AsyncConfiguration.class);

	@Test
	void recordsAnAsyncMethodAsAJobThatRanWithTheRequestsTrace() {
		this.runner.run((context) -> {
			Mailer mailer = context.getBean(Mailer.class);
			String[] decoratedBy = new String[1];
			Recorded recorded = Recorded.of(() -> decoratedBy[0] = mailer.sendConfirmation("A-1").get(10, TimeUnit.SECONDS));
			assertThat(decoratedBy[0]).as("the application's own task decorator still applies").isEqualTo("app");
			JobEvent job = single(recorded.events(JobEvent.class));
			assertThat(job.name()).isEqualTo("Mailer.sendConfirmation");
			assertThat(job.thread()).startsWith("task-");
			assertThat(job.outcome()).isEqualTo(TraceEvent.OK);
			assertThat(job.durationMicros()).isPositive();
			assertThat(job.queuedMicros()).isNotNegative();
			CustomEvent sent = single(recorded.events(CustomEvent.class));
			assertThat(sent.name()).isEqualTo("mail.sent");
			assertThat(sent.offsetMicros()).isBetween(job.offsetMicros(), job.offsetMicros() + job.durationMicros());
		});
	}

	@Test
	void recordsTheFailureOfAnAsyncMethod() {
		this.runner.run((context) -> {
			Mailer mailer = context.getBean(Mailer.class);
			Recorded recorded = Recorded.of(() -> assertThatException()
				.isThrownBy(() -> mailer.bounce("A-2").get(10, TimeUnit.SECONDS)));
			JobEvent job = single(recorded.events(JobEvent.class));
			assertThat(job.name()).isEqualTo("Mailer.bounce");
			assertThat(job.outcome()).isEqualTo(TraceEvent.ERROR);
			assertThat(job.error().type()).isEqualTo(IllegalStateException.class.getName());
			assertThat(job.error().message()).isEqualTo("Mailbox full for order A-2");
		});
	}

	@Test
	void namesASubmittedLambdaAfterTheMethodThatSubmittedIt() {
		this.runner.run((context) -> {
			ThreadPoolTaskExecutor executor = context.getBean(ThreadPoolTaskExecutor.class);
			Recorded recorded = Recorded.of(() -> assertThatException()
				.isThrownBy(() -> new Warehouse().reserve(executor).get(10, TimeUnit.SECONDS)));
			JobEvent job = single(recorded.events(JobEvent.class));
			assertThat(job.name()).isEqualTo("Warehouse.reserve");
			assertThat(job.outcome()).isEqualTo(TraceEvent.ERROR);
			assertThat(job.error().message()).isEqualTo("out of stock");
		});
	}

	@Test
	void recordsTasksOfAnApplicationsOwnSimpleAsyncTaskExecutor() {
		this.runner.withBean("reportExecutor", SimpleAsyncTaskExecutor.class, () -> new SimpleAsyncTaskExecutor("report-"))
			.run((context) -> {
				SimpleAsyncTaskExecutor executor = context.getBean("reportExecutor", SimpleAsyncTaskExecutor.class);
				ReportTask task = new ReportTask();
				Recorded recorded = Recorded.of(() -> {
					executor.execute(task);
					task.started.await(10, TimeUnit.SECONDS);
					task.worker.join(10_000); // a thread per task: it ends when the task does
				});
				JobEvent job = single(recorded.events(JobEvent.class));
				assertThat(job.name()).isEqualTo("ReportTask");
				assertThat(job.thread()).startsWith("report-");
			});
	}

	@Test
	void aJobThatOutlivesTheRequestAddsNothing() {
		this.runner.run((context) -> {
			ThreadPoolTaskExecutor executor = context.getBean(ThreadPoolTaskExecutor.class);
			CountDownLatch release = new CountDownLatch(1);
			Future<?>[] job = new Future<?>[1];
			Recorded recorded = Recorded.of(() -> job[0] = executor.submit(() -> {
				release.await();
				ChronoTrace.event("late");
				return null;
			}));
			release.countDown();
			job[0].get(10, TimeUnit.SECONDS);
			assertThat(recorded.events()).isEmpty();
		});
	}

	@Test
	void tasksOfThreadsThatRecordNothingRunUndecorated() {
		this.runner.run((context) -> {
			ThreadPoolTaskExecutor executor = context.getBean(ThreadPoolTaskExecutor.class);
			Runnable task = () -> {
			};
			assertThat(new TraceTaskDecorator(10).decorate(task)).isSameAs(task);
			assertThat(executor.submit(task).get(10, TimeUnit.SECONDS)).isNull();
		});
	}

	@Test
	void leavesExecutorsAloneWhenJobCaptureIsOff() {
		this.runner.withPropertyValues("chronotrace.capture.jobs=false").run((context) -> {
			Mailer mailer = context.getBean(Mailer.class);
			Recorded recorded = Recorded.of(() -> mailer.sendConfirmation("A-3").get(10, TimeUnit.SECONDS));
			assertThat(recorded.events()).isEmpty();
		});
	}

	private static <T> T single(List<T> events) {
		assertThat(events).hasSize(1);
		return events.get(0);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAsync
	static class AsyncConfiguration {

		@Bean
		Mailer mailer() {
			return new Mailer();
		}

		/** The application's own decorator, which ChronoTrace's must not replace. */
		@Bean
		TaskDecorator applicationTaskDecorator() {
			return (task) -> () -> {
				DECORATED_BY.set("app");
				try {
					task.run();
				}
				finally {
					DECORATED_BY.remove();
				}
			};
		}

	}

	static final ThreadLocal<String> DECORATED_BY = new ThreadLocal<>();

	static class Mailer {

		@Async
		public CompletableFuture<String> sendConfirmation(String orderId) {
			ChronoTrace.event("mail.sent", Map.of("order", orderId));
			return CompletableFuture.completedFuture(DECORATED_BY.get());
		}

		@Async
		public CompletableFuture<Void> bounce(String orderId) {
			throw new IllegalStateException("Mailbox full for order " + orderId);
		}

	}

	static class Warehouse {

		Future<Object> reserve(ThreadPoolTaskExecutor executor) {
			return executor.submit(() -> {
				throw new IllegalStateException("out of stock");
			});
		}

	}

	static class ReportTask implements Runnable {

		final CountDownLatch started = new CountDownLatch(1);

		volatile Thread worker;

		@Override
		public void run() {
			this.worker = Thread.currentThread();
			this.started.countDown();
		}

	}

}
