package io.chronotrace.capture.cache;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.cache.CacheManager;

/**
 * Decorates every {@link CacheManager} bean so that its caches record their operations. The
 * bean's type becomes {@link CapturingCacheManager}: an injection point that asks for the
 * manager's own class (such as {@code RedisCacheManager}) rather than {@link CacheManager} no
 * longer matches.
 */
public final class CacheManagerCapturePostProcessor implements BeanPostProcessor {

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof CacheManager cacheManager && !(bean instanceof CapturingCacheManager)) {
			return new CapturingCacheManager(cacheManager);
		}
		return bean;
	}

}
