package io.chronotrace.autoconfigure;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Hooks;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.write.TraceWriter;
import io.chronotrace.web.RecordingDecision;
import io.chronotrace.web.reactive.ChronoTraceWebFilter;
import io.chronotrace.web.reactive.ReactiveRecordingPolicy;
import io.chronotrace.web.reactive.ReactiveTraceRecorder;

import static org.assertj.core.api.Assertions.assertThat;

class ChronoTraceWebFluxAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ChronoTraceWebFluxAutoConfiguration.class))
		.withUserConfiguration(WriterConfiguration.class);

	@AfterAll
	static void leaveReactorAsOtherTestsExpectIt() {
		Hooks.disableAutomaticContextPropagation();
	}

	@Test
	void registersTheWebFilterAheadOfSecurityInAReactiveApplication() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(ChronoTraceWebFilter.class)
				.hasSingleBean(ReactiveRecordingPolicy.class)
				.hasSingleBean(ReactiveTraceRecorder.class);
			assertThat(context.getBean(ChronoTraceWebFilter.class).getOrder())
				.isLessThan(-100 /* WebFluxSecurityConfiguration.WEB_FILTER_CHAIN_FILTER_ORDER */);
		});
	}

	@Test
	void theModeAndExcludesAreTheServletFiltersOnes() {
		this.runner.withPropertyValues("chronotrace.mode=targeted", "chronotrace.targets.routes=/checkout/**",
				"chronotrace.exclude=/checkout/health")
			.run((context) -> {
				ReactiveRecordingPolicy policy = context.getBean(ReactiveRecordingPolicy.class);
				assertThat(decide(policy, "/checkout/cart")).isEqualTo(RecordingDecision.RECORD);
				assertThat(decide(policy, "/checkout/health")).isEqualTo(RecordingDecision.SKIP);
				assertThat(decide(policy, "/products")).isEqualTo(RecordingDecision.SKIP);
			});
		this.runner.run((context) -> {
			ReactiveRecordingPolicy policy = context.getBean(ReactiveRecordingPolicy.class);
			assertThat(decide(policy, "/api/orders")).isEqualTo(RecordingDecision.RECORD_ON_ERROR);
			assertThat(decide(policy, "/actuator/health")).isEqualTo(RecordingDecision.SKIP);
			assertThat(decide(policy, "/app/main.js")).isEqualTo(RecordingDecision.SKIP);
		});
	}

	@Test
	void theModeMatchesThePathWithinTheApplication() {
		this.runner.withPropertyValues("chronotrace.mode=always").run((context) -> {
			ReactiveRecordingPolicy policy = context.getBean(ReactiveRecordingPolicy.class);
			MockServerHttpRequest request = MockServerHttpRequest.get("/shop/actuator/health").contextPath("/shop").build();
			assertThat(policy.decide(request)).isEqualTo(RecordingDecision.SKIP);
		});
	}

	@Test
	void usersPolicyMakesOursBackOff() {
		this.runner.withBean("myPolicy", ReactiveRecordingPolicy.class, () -> (request) -> RecordingDecision.SKIP)
			.run((context) -> assertThat(context).hasSingleBean(ReactiveRecordingPolicy.class)
				.hasBean("myPolicy")
				.hasSingleBean(ChronoTraceWebFilter.class));
	}

	@Test
	void registersNothingWhenDisabled() {
		this.runner.withPropertyValues("chronotrace.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ChronoTraceWebFilter.class));
	}

	@Test
	void registersNothingInAServletApplication() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ChronoTraceWebFluxAutoConfiguration.class))
			.withUserConfiguration(WriterConfiguration.class)
			.run((context) -> assertThat(context).doesNotHaveBean(ChronoTraceWebFilter.class));
	}

	@Test
	void registersNothingWithoutATraceWriter() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ChronoTraceWebFluxAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ChronoTraceWebFilter.class));
	}

	private static RecordingDecision decide(ReactiveRecordingPolicy policy, String path) {
		return policy.decide(MockServerHttpRequest.get(path).build());
	}

	@Configuration(proxyBeanMethods = false)
	static class WriterConfiguration {

		@Bean
		TraceWriter traceWriter() {
			return Trace::releaseAttachments;
		}

	}

}
