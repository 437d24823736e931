package io.chronotrace.capture.cache;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import io.chronotrace.core.recording.ActiveTrace;
import io.chronotrace.core.recording.TraceContextHolder;
import io.chronotrace.core.support.BoundedText;
import io.chronotrace.core.trace.CacheEvent;
import io.chronotrace.core.trace.TraceEvent;

import org.springframework.cache.Cache;

/**
 * A {@link Cache} that records its operations in the trace of the request being recorded: reads
 * as {@code get} with a {@code hit} or {@code miss} outcome, {@code put}, {@code evict} and
 * {@code clear}, with the cache name and the key as text (at most {@value #MAX_KEY_LENGTH}
 * characters). A read that returns {@code null} or has to load its value counts as a miss.
 */
public final class CapturingCache implements Cache {

	/** The most characters kept of a key. */
	static final int MAX_KEY_LENGTH = 500;

	private final Cache target;

	CapturingCache(Cache target) {
		this.target = target;
	}

	/**
	 * The cache this one records the operations of.
	 * @return the target cache
	 */
	public Cache getTargetCache() {
		return this.target;
	}

	@Override
	public String getName() {
		return this.target.getName();
	}

	@Override
	public Object getNativeCache() {
		return this.target.getNativeCache();
	}

	@Override
	public @Nullable ValueWrapper get(Object key) {
		return read(key, () -> this.target.get(key), null);
	}

	@Override
	public <T> @Nullable T get(Object key, @Nullable Class<T> type) {
		return read(key, () -> this.target.get(key, type), null);
	}

	@Override
	public <T> @Nullable T get(Object key, Callable<T> valueLoader) {
		if (TraceContextHolder.current() == null) {
			return this.target.get(key, valueLoader);
		}
		boolean[] loaded = new boolean[1];
		return read(key, () -> this.target.get(key, () -> {
			loaded[0] = true;
			return valueLoader.call();
		}), loaded);
	}

	@Override
	public @Nullable CompletableFuture<?> retrieve(Object key) {
		return read(key, () -> this.target.retrieve(key), null);
	}

	@Override
	public <T> CompletableFuture<T> retrieve(Object key, Supplier<CompletableFuture<T>> valueLoader) {
		if (TraceContextHolder.current() == null) {
			return this.target.retrieve(key, valueLoader);
		}
		boolean[] loaded = new boolean[1];
		return read(key, () -> this.target.retrieve(key, () -> {
			loaded[0] = true;
			return valueLoader.get();
		}), loaded);
	}

	@Override
	public void put(Object key, @Nullable Object value) {
		write("put", key, () -> {
			this.target.put(key, value);
			return null;
		});
	}

	@Override
	public @Nullable ValueWrapper putIfAbsent(Object key, @Nullable Object value) {
		return write("put", key, () -> this.target.putIfAbsent(key, value));
	}

	@Override
	public void evict(Object key) {
		write("evict", key, () -> {
			this.target.evict(key);
			return null;
		});
	}

	@Override
	public boolean evictIfPresent(Object key) {
		return write("evict", key, () -> this.target.evictIfPresent(key));
	}

	@Override
	public void clear() {
		write("clear", null, () -> {
			this.target.clear();
			return null;
		});
	}

	@Override
	public boolean invalidate() {
		return write("clear", null, () -> this.target.invalidate());
	}

	/**
	 * Runs a read and records it: a miss when it returned {@code null} or had to load the value.
	 */
	private <R> R read(Object key, Supplier<R> operation, boolean @Nullable [] loaded) {
		ActiveTrace trace = TraceContextHolder.current();
		if (trace == null) {
			return operation.get();
		}
		long start = System.nanoTime();
		R result;
		try {
			result = operation.get();
		}
		catch (RuntimeException | Error ex) {
			record(trace, start, TraceEvent.ERROR, "get", key);
			throw ex;
		}
		boolean miss = result == null || (loaded != null && loaded[0]);
		record(trace, start, miss ? CacheEvent.MISS : CacheEvent.HIT, "get", key);
		return result;
	}

	private <R> R write(String operation, @Nullable Object key, Supplier<R> work) {
		ActiveTrace trace = TraceContextHolder.current();
		if (trace == null) {
			return work.get();
		}
		long start = System.nanoTime();
		try {
			R result = work.get();
			record(trace, start, TraceEvent.OK, operation, key);
			return result;
		}
		catch (RuntimeException | Error ex) {
			record(trace, start, TraceEvent.ERROR, operation, key);
			throw ex;
		}
	}

	private void record(ActiveTrace trace, long start, String outcome, String operation, @Nullable Object key) {
		long durationMicros = (System.nanoTime() - start) / 1000;
		if (trace.acceptsEvents()) {
			trace.add(new CacheEvent(trace.offsetMicros(start), durationMicros, outcome, operation, getName(),
					(key != null) ? BoundedText.of(key, MAX_KEY_LENGTH) : null));
		}
	}

	@Override
	public String toString() {
		return "CapturingCache[" + this.target + "]";
	}

}
