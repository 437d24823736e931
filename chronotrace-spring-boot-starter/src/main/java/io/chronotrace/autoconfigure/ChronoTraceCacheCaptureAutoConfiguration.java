package io.chronotrace.autoconfigure;

import io.chronotrace.capture.cache.CacheManagerCapturePostProcessor;
import io.chronotrace.capture.cache.CapturedCacheMeterBinderProvider;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.cache.metrics.CacheMeterBinderProvider;
import org.springframework.cache.CacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Captures the Spring Cache operations of recorded requests ({@code chronotrace.capture.cache})
 * by decorating the application's {@link CacheManager} beans. When Spring Boot's cache metrics
 * are on the classpath, they keep finding the decorated caches.
 */
@AutoConfiguration
@ConditionalOnChronoTraceEnabled
@ConditionalOnBooleanProperty(name = "chronotrace.capture.cache", matchIfMissing = true)
@ConditionalOnClass(CacheManager.class)
public final class ChronoTraceCacheCaptureAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	static CacheManagerCapturePostProcessor chronoTraceCacheCapture() {
		return new CacheManagerCapturePostProcessor();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "org.springframework.boot.cache.metrics.CacheMeterBinderProvider",
			"io.micrometer.core.instrument.binder.MeterBinder" })
	static class CacheMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CapturedCacheMeterBinderProvider chronoTraceCacheMeterBinderProvider(
				ObjectProvider<CacheMeterBinderProvider<?>> providers) {
			return new CapturedCacheMeterBinderProvider(providers);
		}

	}

}
