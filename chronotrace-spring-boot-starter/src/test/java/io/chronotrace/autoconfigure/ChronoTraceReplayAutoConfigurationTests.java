package io.chronotrace.autoconfigure;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;

import io.chronotrace.capture.http.TraceClientHttpRequestInterceptor;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.memory.InMemoryTraceStorage;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.trace.TraceRequest;
import io.chronotrace.core.trace.TraceResponse;
import io.chronotrace.core.write.TraceWriter;
import io.chronotrace.replay.IsolatedReplayInterceptor;
import io.chronotrace.replay.ReplayException;
import io.chronotrace.replay.ReplayFilter;
import io.chronotrace.replay.ReplayRecordingPolicy;
import io.chronotrace.replay.ReplayRegistry;
import io.chronotrace.replay.TraceReplayer;
import io.chronotrace.web.servlet.RecordingPolicy;
import jakarta.servlet.DispatcherType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ChronoTraceReplayAutoConfigurationTests {

	private static final String REGISTRATION = ChronoTraceReplayAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME;

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ChronoTraceServletAutoConfiguration.class,
				ChronoTraceReplayAutoConfiguration.class))
		.withUserConfiguration(StorageConfiguration.class);

	@Test
	void registersTheReplayerAndItsFilterRightAfterTheRecordingFilter() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(TraceReplayer.class).hasSingleBean(ReplayRegistry.class);
			FilterRegistrationBean<?> registration = context.getBean(REGISTRATION, FilterRegistrationBean.class);
			assertThat(registration.getFilter()).isInstanceOf(ReplayFilter.class);
			assertThat(registration.determineDispatcherTypes()).containsExactly(DispatcherType.REQUEST);
			assertThat(registration.getOrder()).isEqualTo(ChronoTraceServletAutoConfiguration.FILTER_ORDER + 1);
		});
	}

	@Test
	void theRecordingPolicyRecordsReplaysWhateverTheMode() {
		this.runner.withPropertyValues("chronotrace.mode=record-on-error")
			.run((context) -> assertThat(context.getBean(RecordingPolicy.class))
				.isInstanceOf(ReplayRecordingPolicy.class));
	}

	@Test
	void aUsersRecordingPolicyIsWrappedToo() {
		this.runner.withBean("myPolicy", RecordingPolicy.class, () -> (request) -> RecordingPolicy.Decision.SKIP)
			.run((context) -> assertThat(context.getBean("myPolicy")).isInstanceOf(ReplayRecordingPolicy.class));
	}

	@Test
	void usersReplayerMakesOursBackOff() {
		this.runner.withUserConfiguration(ReplayerConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(TraceReplayer.class).hasBean("myReplayer"));
	}

	@Test
	void theReplayTimeoutComesFromItsProperty() throws Exception {
		try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			this.runner
				.withPropertyValues("chronotrace.replay.target=http://127.0.0.1:" + silent.getLocalPort(),
						"chronotrace.replay.timeout=250ms")
				.run((context) -> {
					Instant now = Instant.now();
					Trace trace = new Trace(Trace.SCHEMA_VERSION, TraceId.create(now), now, 1000, null,
							new TraceRequest("GET", "http://localhost/orders", "/orders", null, Map.of(), null, null),
							new TraceResponse(200, Map.of(), null, 0), null, List.of(), 0, null, List.of());
					context.getBean(TraceStorage.class).store(trace);
					assertThatExceptionOfType(ReplayException.class)
						.isThrownBy(() -> context.getBean(TraceReplayer.class).replay(trace.id(), false))
						.withMessageContaining("no response within 250 ms (chronotrace.replay.timeout)");
				});
		}
	}

	@Test
	void aReplayTimeoutThatIsNotPositiveFailsStartUpNamingTheProperty() {
		this.runner.withPropertyValues("chronotrace.replay.timeout=0s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("chronotrace.replay.timeout must be positive"));
	}

	@Test
	void registersNothingWhenDisabled() {
		this.runner.withPropertyValues("chronotrace.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TraceReplayer.class).doesNotHaveBean(REGISTRATION));
	}

	@Test
	void registersNothingWithoutStorage() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ChronoTraceReplayAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(TraceReplayer.class));
	}

	@Test
	void registersNothingInAnApplicationThatIsNotAServletWebApplication() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ChronoTraceReplayAutoConfiguration.class))
			.withUserConfiguration(StorageConfiguration.class)
			.run((context) -> assertThat(context).doesNotHaveBean(TraceReplayer.class));
	}

	@Test
	void theIsolatedReplayInterceptorComesAfterCaptureSoThatAnsweredCallsAreRecorded() {
		this.runner
			.withConfiguration(AutoConfigurations.of(RestClientAutoConfiguration.class,
					ChronoTraceHttpClientCaptureAutoConfiguration.class))
			.run((context) -> {
				List<ClientHttpRequestInterceptor> interceptors = new ArrayList<>();
				context.getBean(RestClient.Builder.class).requestInterceptors(interceptors::addAll);
				assertThat(interceptors).hasExactlyElementsOfTypes(TraceClientHttpRequestInterceptor.class,
						IsolatedReplayInterceptor.class);
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class StorageConfiguration {

		@Bean
		TraceStorage traceStorage() {
			return new InMemoryTraceStorage(10);
		}

		@Bean
		TraceWriter traceWriter() {
			return (trace) -> {
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ReplayerConfiguration {

		@Bean
		TraceReplayer myReplayer(TraceStorage storage) {
			return new TraceReplayer(storage, new ReplayRegistry(), io.chronotrace.replay.ReplaySettings.defaults(),
					() -> "http://localhost:8080", (trace) -> trace, (target, type) -> target);
		}

	}

}
