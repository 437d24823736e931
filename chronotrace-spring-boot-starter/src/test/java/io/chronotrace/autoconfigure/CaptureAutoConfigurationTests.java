package io.chronotrace.autoconfigure;

import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.chronotrace.capture.cache.CacheManagerCapturePostProcessor;
import io.chronotrace.capture.exceptions.ExceptionCaptureResolver;
import io.chronotrace.capture.http.TraceRestClientCustomizer;
import io.chronotrace.capture.http.TraceRestTemplateCustomizer;
import io.chronotrace.capture.http.TraceWebClientCustomizer;
import io.chronotrace.capture.jdbc.DataSourceCapturePostProcessor;
import io.chronotrace.capture.jobs.AsyncJobAdvisorPostProcessor;
import io.chronotrace.capture.jobs.ExecutorCapturePostProcessor;
import io.chronotrace.capture.logs.LogCapture;
import io.chronotrace.capture.tracing.MicrometerTracingContextResolver;
import io.chronotrace.web.servlet.TracingContextResolver;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import static org.assertj.core.api.Assertions.assertThat;

class CaptureAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ChronoTraceJdbcCaptureAutoConfiguration.class,
				ChronoTraceHttpClientCaptureAutoConfiguration.class, ChronoTraceCacheCaptureAutoConfiguration.class,
				ChronoTraceJobCaptureAutoConfiguration.class, ChronoTraceLogCaptureAutoConfiguration.class,
				ChronoTraceExceptionCaptureAutoConfiguration.class, ChronoTraceTracingCaptureAutoConfiguration.class));

	@Test
	void capturesEveryKindByDefault() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(DataSourceCapturePostProcessor.class);
			assertThat(context).hasSingleBean(TraceRestClientCustomizer.class);
			assertThat(context).hasSingleBean(TraceRestTemplateCustomizer.class);
			assertThat(context).hasSingleBean(TraceWebClientCustomizer.class);
			assertThat(context).hasSingleBean(CacheManagerCapturePostProcessor.class);
			assertThat(context).hasSingleBean(ExecutorCapturePostProcessor.class);
			assertThat(context).hasSingleBean(AsyncJobAdvisorPostProcessor.class);
			assertThat(context).hasSingleBean(LogCapture.class);
			assertThat(context).hasSingleBean(ExceptionCaptureResolver.class);
			assertThat(context).hasBean("chronoTraceTracingContextConfigurer");
			assertThat(context).hasBean(ChronoTraceExceptionCaptureAutoConfiguration.CONFIGURER_BEAN_NAME);
		});
	}

	@Test
	void capturesNothingWhenChronoTraceIsDisabled() {
		this.runner.withPropertyValues("chronotrace.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(DataSourceCapturePostProcessor.class);
			assertThat(context).doesNotHaveBean(TraceRestClientCustomizer.class);
			assertThat(context).doesNotHaveBean(TraceWebClientCustomizer.class);
			assertThat(context).doesNotHaveBean(CacheManagerCapturePostProcessor.class);
			assertThat(context).doesNotHaveBean(ExecutorCapturePostProcessor.class);
			assertThat(context).doesNotHaveBean(LogCapture.class);
			assertThat(context).doesNotHaveBean(ExceptionCaptureResolver.class);
			assertThat(context).doesNotHaveBean("chronoTraceTracingContextConfigurer");
		});
	}

	@ParameterizedTest
	@CsvSource({ "database, io.chronotrace.capture.jdbc.DataSourceCapturePostProcessor",
			"http, io.chronotrace.capture.http.TraceRestClientCustomizer",
			"http, io.chronotrace.capture.http.TraceWebClientCustomizer",
			"cache, io.chronotrace.capture.cache.CacheManagerCapturePostProcessor",
			"jobs, io.chronotrace.capture.jobs.ExecutorCapturePostProcessor",
			"jobs, io.chronotrace.capture.jobs.AsyncJobAdvisorPostProcessor",
			"logs, io.chronotrace.capture.logs.LogCapture",
			"exceptions, io.chronotrace.capture.exceptions.ExceptionCaptureResolver",
			"tracing, io.chronotrace.capture.tracing.MicrometerTracingContextResolver" })
	void eachKindIsSwitchedOffByItsProperty(String kind, Class<?> capture) {
		this.runner.withPropertyValues("chronotrace.capture." + kind + "=false")
			.run((context) -> assertThat(context).doesNotHaveBean(capture));
	}

	@ParameterizedTest
	@CsvSource({ "exceptions, " + ChronoTraceExceptionCaptureAutoConfiguration.CONFIGURER_BEAN_NAME,
			"tracing, " + ChronoTraceTracingCaptureAutoConfiguration.CONFIGURER_BEAN_NAME })
	void eachMvcHookIsSwitchedOffWithItsKind(String kind, String configurer) {
		this.runner.run((context) -> assertThat(context).hasBean(configurer));
		this.runner.withPropertyValues("chronotrace.capture." + kind + "=false")
			.run((context) -> assertThat(context).doesNotHaveBean(configurer));
	}

	@ParameterizedTest
	@CsvSource({ ChronoTraceExceptionCaptureAutoConfiguration.CONFIGURER_BEAN_NAME,
			ChronoTraceTracingCaptureAutoConfiguration.CONFIGURER_BEAN_NAME })
	void usersMvcHookOfTheSameNameMakesOursBackOff(String configurer) {
		WebMvcConfigurer own = new WebMvcConfigurer() {
		};
		this.runner.withBean(configurer, WebMvcConfigurer.class, () -> own)
			.run((context) -> assertThat(context.getBean(configurer)).isSameAs(own));
	}

	@Test
	void theRecordingFilterGetsTheTracingIdsFromTheServerSpan() {
		WebApplicationContextRunner withFilter = this.runner
			.withConfiguration(AutoConfigurations.of(ChronoTraceStorageAutoConfiguration.class,
					ChronoTraceWriterAutoConfiguration.class, ChronoTraceServletAutoConfiguration.class))
			.withPropertyValues("chronotrace.storage=memory");
		withFilter.run((context) -> assertThat(context.getBean(TracingContextResolver.class))
			.isInstanceOf(MicrometerTracingContextResolver.class));
		withFilter.withClassLoader(new FilteredClassLoader(Tracer.class))
			.run((context) -> assertThat(context.getBean(TracingContextResolver.class))
				.isNotInstanceOf(MicrometerTracingContextResolver.class));
	}

	@Test
	void theApplicationsOwnBeanReplacesOurs() {
		LogCapture own = new LogCapture("WARN", 5);
		this.runner.withBean("ownLogCapture", LogCapture.class, () -> own).run((context) -> {
			assertThat(context).hasSingleBean(LogCapture.class);
			assertThat(context.getBean(LogCapture.class)).isSameAs(own);
		});
	}

	@Test
	void startsWithoutTheOptionalLibraries() {
		this.runner
			.withClassLoader(new FilteredClassLoader(Tracer.class, WebClient.class,
					org.springframework.boot.restclient.RestClientCustomizer.class,
					ch.qos.logback.classic.LoggerContext.class))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(TraceRestClientCustomizer.class);
				assertThat(context).doesNotHaveBean(TraceWebClientCustomizer.class);
				assertThat(context).doesNotHaveBean(LogCapture.class);
				assertThat(context).doesNotHaveBean("chronoTraceTracingContextConfigurer");
				assertThat(context).hasSingleBean(DataSourceCapturePostProcessor.class);
			});
	}

}
