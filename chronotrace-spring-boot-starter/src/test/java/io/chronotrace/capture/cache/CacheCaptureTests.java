package io.chronotrace.capture.cache;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import io.chronotrace.autoconfigure.ChronoTraceCacheCaptureAutoConfiguration;
import io.chronotrace.capture.Recorded;
import io.chronotrace.core.trace.CacheEvent;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.metrics.CacheMetricsAutoConfiguration;
import org.springframework.boot.cache.metrics.CacheMeterBinderProvider;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.concurrent.ConcurrentMapCache;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class CacheCaptureTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(CacheAutoConfiguration.class, ChronoTraceCacheCaptureAutoConfiguration.class))
		.withUserConfiguration(CachingConfiguration.class);

	@Test
	void recordsMissPutHitEvictAndClearWithCacheNameAndKey() {
		this.runner.run((context) -> {
			Prices prices = context.getBean(Prices.class);
			CacheManager cacheManager = context.getBean(CacheManager.class);
			Recorded recorded = Recorded.of(() -> {
				prices.price(1);
				prices.price(1);
				prices.forget(1);
				cacheManager.getCache("prices").clear();
			});
			assertThat(prices.lookups()).isEqualTo(1);
			List<CacheEvent> events = recorded.events(CacheEvent.class);
			assertThat(events).extracting(CacheEvent::operation, CacheEvent::outcome, CacheEvent::key)
				.containsExactly(tuple("get", "miss", "1"), tuple("put", "ok", "1"), tuple("get", "hit", "1"),
						tuple("evict", "ok", "1"), tuple("clear", "ok", null));
			assertThat(events).allSatisfy((event) -> assertThat(event.cache()).isEqualTo("prices"));
			assertThat(events).extracting(CacheEvent::offsetMicros).isSorted();
		});
	}

	@Test
	void aReadThatLoadsItsValueIsAMiss() {
		this.runner.run((context) -> {
			var cache = context.getBean(CacheManager.class).getCache("prices");
			Recorded recorded = Recorded.of(() -> {
				cache.get("espresso", () -> 24);
				cache.get("espresso", () -> 25);
			});
			assertThat(recorded.events(CacheEvent.class)).extracting(CacheEvent::outcome).containsExactly("miss", "hit");
		});
	}

	@Test
	void operationsOfThreadsThatRecordNothingAddNoEvent() {
		this.runner.run((context) -> {
			Prices prices = context.getBean(Prices.class);
			Recorded recorded = Recorded.of(() -> {
				Thread other = new Thread(() -> prices.price(2));
				other.start();
				other.join();
			});
			assertThat(recorded.events()).isEmpty();
		});
	}

	@Test
	void decoratesEachCacheManagerOnceAndKeepsItsCaches() {
		this.runner.run((context) -> {
			CacheManager cacheManager = context.getBean(CacheManager.class);
			assertThat(cacheManager).isInstanceOf(CapturingCacheManager.class);
			assertThat(((CapturingCacheManager) cacheManager).getTargetCacheManager())
				.isInstanceOf(ConcurrentMapCacheManager.class);
			assertThat(cacheManager.getCache("prices")).isSameAs(cacheManager.getCache("prices"));
			assertThat(new CacheManagerCapturePostProcessor().postProcessAfterInitialization(cacheManager, "cacheManager"))
				.isSameAs(cacheManager);
		});
	}

	@Test
	void springBootCacheMetricsStillFindTheDecoratedCaches() {
		this.runner
			.withConfiguration(AutoConfigurations.of(CacheMetricsAutoConfiguration.class))
			.withUserConfiguration(CacheMetricsConfiguration.class)
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.find("test.cache.size").tag("name", "prices").gauge()).isNotNull();
			});
	}

	@Test
	void leavesCacheManagersAloneWhenCacheCaptureIsOff() {
		this.runner.withPropertyValues("chronotrace.capture.cache=false")
			.run((context) -> assertThat(context.getBean(CacheManager.class))
				.isInstanceOf(ConcurrentMapCacheManager.class));
	}

	private static org.assertj.core.groups.Tuple tuple(Object... values) {
		return org.assertj.core.groups.Tuple.tuple(values);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class CachingConfiguration {

		@Bean
		ConcurrentMapCacheManager cacheManager() {
			return new ConcurrentMapCacheManager("prices");
		}

		@Bean
		Prices prices() {
			return new Prices();
		}

	}

	static class Prices {

		private final AtomicInteger lookups = new AtomicInteger();

		int lookups() {
			return this.lookups.get();
		}

		@Cacheable("prices")
		public Integer price(long productId) {
			this.lookups.incrementAndGet();
			return 2490;
		}

		@CacheEvict("prices")
		public void forget(long productId) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CacheMetricsConfiguration {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		CacheMeterBinderProvider<ConcurrentMapCache> concurrentMapCacheMeterBinderProvider() {
			return (cache, tags) -> (registry) -> Gauge.builder("test.cache.size", cache, (c) -> c.getNativeCache().size())
				.tags(tags)
				.register(registry);
		}

	}

}
