package io.chronotrace.autoconfigure;

import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.function.SingletonSupplier;

import io.chronotrace.core.scrub.BodyScrubber;
import io.chronotrace.core.scrub.TraceScrubber;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.replay.IsolatedReplayRestClientCustomizer;
import io.chronotrace.replay.IsolatedReplayRestTemplateCustomizer;
import io.chronotrace.replay.IsolatedReplayWebClientCustomizer;
import io.chronotrace.replay.ReactiveReplayRecordingPolicyPostProcessor;
import io.chronotrace.replay.ReplayFilter;
import io.chronotrace.replay.ReplayRecordingPolicyPostProcessor;
import io.chronotrace.replay.ReplayRegistry;
import io.chronotrace.replay.ReplaySettings;
import io.chronotrace.replay.ReplayWebFilter;
import io.chronotrace.replay.TraceReplayer;
import io.chronotrace.replay.jdbc.ReplayingDataSourcePostProcessor;
import jakarta.servlet.DispatcherType;

/**
 * Replay of recorded requests against the running application, servlet or WebFlux
 * ({@code chronotrace.replay.*}): the {@link TraceReplayer} that the {@code chronotrace} endpoint
 * calls, the filter that recognizes a replay by its one-time token and links its trace to the
 * original (a servlet filter or a {@code WebFilter}), the policy wrapper that records every
 * replay whatever the mode, the client interceptors, placed after those of capture, that
 * answer outbound calls from the recording in isolated replays, and the data source wrappers,
 * beneath those of capture, that answer their SQL.
 */
@AutoConfiguration(after = { ChronoTraceServletAutoConfiguration.class, ChronoTraceWebFluxAutoConfiguration.class,
		ChronoTraceHttpClientCaptureAutoConfiguration.class })
@ConditionalOnWebApplication
@ConditionalOnChronoTraceEnabled
@ConditionalOnBean(TraceStorage.class)
@EnableConfigurationProperties({ ChronoTraceProperties.class, ReplayProperties.class })
public final class ChronoTraceReplayAutoConfiguration {

	/** The name of the replay filter's registration bean; a bean of that name replaces ours. */
	public static final String FILTER_REGISTRATION_BEAN_NAME = "chronoTraceReplayFilterRegistration";

	@Bean
	@ConditionalOnMissingBean
	ReplayRegistry chronoTraceReplayRegistry(ReplayProperties properties) {
		return new ReplayRegistry(properties.isRecorded());
	}

	@Bean
	@ConditionalOnMissingBean
	TraceReplayer chronoTraceReplayer(TraceStorage storage, ReplayRegistry registry, ReplayProperties properties,
			ChronoTraceProperties chronoTrace, Environment environment, ObjectProvider<TraceScrubber> traceScrubber,
			ObjectProvider<BodyScrubber> bodyScrubber, ObjectProvider<ReplayingDataSourcePostProcessor> dataSources) {
		ReplaySettings settings = new ReplaySettings(
				(properties.getTarget() != null) ? properties.getTarget().toString() : null,
				properties.getIgnoreHeaders(), properties.getIgnorePaths(), properties.getSubstitutes(),
				properties.getTimeout(), new LinkedHashSet<>(properties.getAllowedMethods()),
				chronoTrace.getCapture().getMaxBodySize().toBytes(), properties.getUnorderedPaths());
		ReplayingDataSourcePostProcessor replaying = dataSources.getIfAvailable();
		return new TraceReplayer(storage, registry, settings, () -> LocalServerAddress.baseUrl(environment),
				traceScrubber.getIfAvailable(() -> TraceScrubber.NONE),
				bodyScrubber.getIfAvailable(() -> BodyScrubber.NONE),
				(replaying != null) ? replaying::dataSources : Set::of);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "javax.sql.DataSource", "net.ttddyy.dsproxy.support.ProxyDataSource" })
	@ConditionalOnBooleanProperty(name = "chronotrace.capture.database", matchIfMissing = true)
	static class JdbcReplayConfiguration {

		@Bean
		@ConditionalOnMissingBean
		static ReplayingDataSourcePostProcessor chronoTraceReplayingDataSourcePostProcessor(
				ObjectProvider<ReplayRegistry> registry) {
			// the registry is looked up on the first getConnection(), not while beans are created
			SingletonSupplier<ReplayRegistry> replays = SingletonSupplier.of(registry::getIfAvailable);
			return new ReplayingDataSourcePostProcessor(() -> {
				ReplayRegistry found = replays.get();
				return (found != null) ? found.recordedStatements() : null;
			});
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	static class ServletReplayConfiguration {

		@Bean
		static ReplayRecordingPolicyPostProcessor chronoTraceReplayRecordingPolicyPostProcessor(
				ObjectProvider<ReplayRegistry> registry) {
			return new ReplayRecordingPolicyPostProcessor(registry);
		}

		@Bean(FILTER_REGISTRATION_BEAN_NAME)
		@ConditionalOnMissingBean(name = FILTER_REGISTRATION_BEAN_NAME)
		FilterRegistrationBean<ReplayFilter> chronoTraceReplayFilterRegistration(ReplayRegistry registry) {
			FilterRegistrationBean<ReplayFilter> registration = new FilterRegistrationBean<>(new ReplayFilter(registry));
			registration.setName("chronoTraceReplayFilter");
			registration.setDispatcherTypes(DispatcherType.REQUEST);
			registration.setAsyncSupported(true);
			// right after the recording filter, whose trace it links, and before security
			registration.setOrder(ChronoTraceServletAutoConfiguration.FILTER_ORDER + 1);
			return registration;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass(name = "org.springframework.web.server.WebFilter")
	static class ReactiveReplayConfiguration {

		@Bean
		static ReactiveReplayRecordingPolicyPostProcessor chronoTraceReactiveReplayRecordingPolicyPostProcessor(
				ObjectProvider<ReplayRegistry> registry) {
			return new ReactiveReplayRecordingPolicyPostProcessor(registry);
		}

		@Bean
		@ConditionalOnMissingBean
		ReplayWebFilter chronoTraceReplayWebFilter(ReplayRegistry registry) {
			return new ReplayWebFilter(registry);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.restclient.RestClientCustomizer")
	static class RestClientReplayConfiguration {

		@Bean
		@ConditionalOnMissingBean
		IsolatedReplayRestClientCustomizer chronoTraceIsolatedReplayRestClientCustomizer(ReplayRegistry registry) {
			return new IsolatedReplayRestClientCustomizer(registry);
		}

		@Bean
		@ConditionalOnMissingBean
		IsolatedReplayRestTemplateCustomizer chronoTraceIsolatedReplayRestTemplateCustomizer(
				ReplayRegistry registry) {
			return new IsolatedReplayRestTemplateCustomizer(registry);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "org.springframework.boot.webclient.WebClientCustomizer",
			"org.springframework.web.reactive.function.client.WebClient" })
	static class WebClientReplayConfiguration {

		@Bean
		@ConditionalOnMissingBean
		IsolatedReplayWebClientCustomizer chronoTraceIsolatedReplayWebClientCustomizer(ReplayRegistry registry) {
			return new IsolatedReplayWebClientCustomizer(registry);
		}

	}

}
