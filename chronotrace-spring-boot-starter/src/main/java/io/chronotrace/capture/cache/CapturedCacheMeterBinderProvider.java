package io.chronotrace.capture.cache;

import java.util.List;

import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.cache.metrics.CacheMeterBinderProvider;
import org.springframework.boot.util.LambdaSafe;

/**
 * Keeps Spring Boot's cache metrics working for decorated caches: Boot picks the metrics of a
 * cache by its type, so this provider hands the cache a {@link CapturingCache} decorates to the
 * application's other providers.
 */
public final class CapturedCacheMeterBinderProvider implements CacheMeterBinderProvider<CapturingCache> {

	private final ObjectProvider<CacheMeterBinderProvider<?>> providers;

	/**
	 * Creates a provider.
	 * @param providers all cache meter binder providers, this one included
	 */
	public CapturedCacheMeterBinderProvider(ObjectProvider<CacheMeterBinderProvider<?>> providers) {
		this.providers = providers;
	}

	@Override
	@SuppressWarnings("unchecked")
	public @Nullable MeterBinder getMeterBinder(CapturingCache cache, Iterable<Tag> tags) {
		org.springframework.cache.Cache target = cache.getTargetCache();
		List<CacheMeterBinderProvider<?>> others = this.providers.orderedStream()
			.filter((provider) -> provider != this)
			.toList();
		return LambdaSafe.callbacks(CacheMeterBinderProvider.class, others, target)
			.withLogger(CapturedCacheMeterBinderProvider.class)
			.invokeAnd((provider) -> provider.getMeterBinder(target, tags))
			.filter(java.util.Objects::nonNull)
			.findFirst()
			.orElse(null);
	}

}
