package io.chronotrace.capture.cache;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;

/**
 * A {@link CacheManager} whose caches record their operations ({@link CapturingCache}). It
 * passes the context's shutdown on to the manager it decorates.
 */
public final class CapturingCacheManager implements CacheManager, DisposableBean {

	private final CacheManager target;

	private final Map<String, CapturingCache> caches = new ConcurrentHashMap<>();

	/**
	 * Decorates a cache manager.
	 * @param target the cache manager
	 */
	public CapturingCacheManager(CacheManager target) {
		this.target = target;
	}

	/**
	 * The cache manager this one decorates.
	 * @return the target
	 */
	public CacheManager getTargetCacheManager() {
		return this.target;
	}

	@Override
	public @Nullable Cache getCache(String name) {
		Cache cache = this.target.getCache(name);
		if (cache == null) {
			return null;
		}
		CapturingCache capturing = this.caches.get(name);
		if (capturing == null || capturing.getTargetCache() != cache) {
			// a manager may replace a cache (such as after resetCaches): follow it
			capturing = new CapturingCache(cache);
			this.caches.put(name, capturing);
		}
		return capturing;
	}

	@Override
	public Collection<String> getCacheNames() {
		return this.target.getCacheNames();
	}

	@Override
	public void resetCaches() {
		this.target.resetCaches();
	}

	@Override
	public void destroy() throws Exception {
		if (this.target instanceof DisposableBean disposable) {
			disposable.destroy();
		}
		else if (this.target instanceof AutoCloseable closeable) {
			closeable.close();
		}
	}

	@Override
	public String toString() {
		return "CapturingCacheManager[" + this.target + "]";
	}

}
