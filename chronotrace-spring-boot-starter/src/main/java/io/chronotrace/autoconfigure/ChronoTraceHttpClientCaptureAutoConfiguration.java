package io.chronotrace.autoconfigure;

import io.chronotrace.capture.http.HttpBodySettings;
import io.chronotrace.capture.http.SelfCalls;
import io.chronotrace.capture.http.TraceRestClientCustomizer;
import io.chronotrace.capture.http.TraceRestTemplateCustomizer;
import io.chronotrace.capture.http.TraceWebClientCustomizer;
import io.chronotrace.web.servlet.SelfCallFilter;
import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Captures the outbound HTTP calls of recorded requests ({@code chronotrace.capture.http})
 * through the customizers of Spring Boot's {@code RestClient.Builder},
 * {@code RestTemplateBuilder} and {@code WebClient.Builder}: clients built from them need no
 * change. Their bodies are captured up to 16KB ({@link HttpBodySettings#MAX_BODY_SIZE}), or
 * {@code chronotrace.capture.max-body-size} when lower. Calls to the application's own server
 * carry a one-time token that the servlet filter of {@link SelfCallFilter} claims, so that their
 * traces are marked as self-calls of the caller's.
 */
@AutoConfiguration
@ConditionalOnChronoTraceEnabled
@ConditionalOnBooleanProperty(name = "chronotrace.capture.http", matchIfMissing = true)
@EnableConfigurationProperties(ChronoTraceProperties.class)
public final class ChronoTraceHttpClientCaptureAutoConfiguration {

	/**
	 * Calls to this application's own server (its {@code local.server.port} once it listens)
	 * carry a one-time token, so that their traces say which trace made them. Only a servlet
	 * application claims the token ({@link SelfCallFilter}): elsewhere no token is sent.
	 */
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	SelfCalls chronoTraceSelfCalls(Environment environment) {
		return new SelfCalls(() -> (environment.getProperty("local.server.port") != null)
				? LocalServerAddress.baseUrl(environment) : null);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.restclient.RestClientCustomizer")
	static class RestClientCaptureConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TraceRestClientCustomizer chronoTraceRestClientCustomizer(ChronoTraceProperties properties,
				ObjectProvider<SelfCalls> selfCalls) {
			return new TraceRestClientCustomizer(bodies(properties), selfCalls.getIfAvailable(() -> SelfCalls.NONE));
		}

		@Bean
		@ConditionalOnMissingBean
		TraceRestTemplateCustomizer chronoTraceRestTemplateCustomizer(ChronoTraceProperties properties,
				ObjectProvider<SelfCalls> selfCalls) {
			return new TraceRestTemplateCustomizer(bodies(properties), selfCalls.getIfAvailable(() -> SelfCalls.NONE));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(FilterRegistrationBean.class)
	static class SelfCallFilterConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "chronoTraceSelfCallFilterRegistration")
		FilterRegistrationBean<SelfCallFilter> chronoTraceSelfCallFilterRegistration(SelfCalls selfCalls) {
			FilterRegistrationBean<SelfCallFilter> registration = new FilterRegistrationBean<>(
					new SelfCallFilter(selfCalls));
			registration.setName("chronoTraceSelfCallFilter");
			registration.setDispatcherTypes(DispatcherType.REQUEST);
			registration.setAsyncSupported(true);
			// right after the recording filter, whose trace it links
			registration.setOrder(ChronoTraceServletAutoConfiguration.FILTER_ORDER + 1);
			return registration;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "org.springframework.boot.webclient.WebClientCustomizer",
			"org.springframework.web.reactive.function.client.WebClient" })
	static class WebClientCaptureConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TraceWebClientCustomizer chronoTraceWebClientCustomizer(ChronoTraceProperties properties,
				ObjectProvider<SelfCalls> selfCalls) {
			return new TraceWebClientCustomizer(bodies(properties), selfCalls.getIfAvailable(() -> SelfCalls.NONE));
		}

	}

	private static HttpBodySettings bodies(ChronoTraceProperties properties) {
		ChronoTraceProperties.Capture capture = properties.getCapture();
		return HttpBodySettings.of(capture.getMaxBodySize().toBytes(), capture.isBinaryBodies());
	}

}
