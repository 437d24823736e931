package io.chronotrace.autoconfigure;

import io.chronotrace.capture.http.HttpBodySettings;
import io.chronotrace.capture.http.TraceRestClientCustomizer;
import io.chronotrace.capture.http.TraceRestTemplateCustomizer;
import io.chronotrace.capture.http.TraceWebClientCustomizer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Captures the outbound HTTP calls of recorded requests ({@code chronotrace.capture.http})
 * through the customizers of Spring Boot's {@code RestClient.Builder},
 * {@code RestTemplateBuilder} and {@code WebClient.Builder}: clients built from them need no
 * change. Their bodies are captured up to 16KB ({@link HttpBodySettings#MAX_BODY_SIZE}), or
 * {@code chronotrace.capture.max-body-size} when lower.
 */
@AutoConfiguration
@ConditionalOnChronoTraceEnabled
@ConditionalOnBooleanProperty(name = "chronotrace.capture.http", matchIfMissing = true)
@EnableConfigurationProperties(ChronoTraceProperties.class)
public final class ChronoTraceHttpClientCaptureAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.restclient.RestClientCustomizer")
	static class RestClientCaptureConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TraceRestClientCustomizer chronoTraceRestClientCustomizer(ChronoTraceProperties properties) {
			return new TraceRestClientCustomizer(bodies(properties));
		}

		@Bean
		@ConditionalOnMissingBean
		TraceRestTemplateCustomizer chronoTraceRestTemplateCustomizer(ChronoTraceProperties properties) {
			return new TraceRestTemplateCustomizer(bodies(properties));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "org.springframework.boot.webclient.WebClientCustomizer",
			"org.springframework.web.reactive.function.client.WebClient" })
	static class WebClientCaptureConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TraceWebClientCustomizer chronoTraceWebClientCustomizer(ChronoTraceProperties properties) {
			return new TraceWebClientCustomizer(bodies(properties));
		}

	}

	private static HttpBodySettings bodies(ChronoTraceProperties properties) {
		ChronoTraceProperties.Capture capture = properties.getCapture();
		return HttpBodySettings.of(capture.getMaxBodySize().toBytes(), capture.isBinaryBodies());
	}

}
