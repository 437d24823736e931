package io.chronotrace.autoconfigure;

import io.chronotrace.capture.jobs.AsyncJobAdvisorPostProcessor;
import io.chronotrace.capture.jobs.ExecutorCapturePostProcessor;
import io.chronotrace.capture.jobs.TraceTaskDecorator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Captures the jobs of recorded requests ({@code chronotrace.capture.jobs}): {@code @Async}
 * methods and tasks submitted to the application's {@code ThreadPoolTaskExecutor} and
 * {@code SimpleAsyncTaskExecutor} beans, which carry the request's trace to their worker
 * threads.
 */
@AutoConfiguration
@ConditionalOnChronoTraceEnabled
@ConditionalOnBooleanProperty(name = "chronotrace.capture.jobs", matchIfMissing = true)
@EnableConfigurationProperties(ChronoTraceProperties.class)
public final class ChronoTraceJobCaptureAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	static ExecutorCapturePostProcessor chronoTraceExecutorCapture(ObjectProvider<ChronoTraceProperties> properties) {
		return new ExecutorCapturePostProcessor(
				() -> new TraceTaskDecorator(properties.getObject().getCapture().getMaxStackFrames()));
	}

	@Bean
	@ConditionalOnMissingBean
	static AsyncJobAdvisorPostProcessor chronoTraceAsyncJobCapture() {
		return new AsyncJobAdvisorPostProcessor();
	}

}
