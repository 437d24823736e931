package io.chronotrace.core.trace;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/** Immutable, order-keeping copies of header maps. */
final class Headers {

	private Headers() {
	}

	/**
	 * An immutable copy, or the map itself when it is one made here: a trace's headers pass
	 * through several records (assembled, scrubbed, copied with other parts) on the request
	 * thread, and copying them at each step showed in profiles.
	 */
	static Map<String, List<String>> copyOf(Map<String, List<String>> headers) {
		if (headers instanceof Frozen) {
			return headers;
		}
		if (headers == null || headers.isEmpty()) {
			return Map.of();
		}
		Map<String, List<String>> copy = new LinkedHashMap<>(headers.size() * 2);
		headers.forEach((name, values) -> copy.put(name, (values != null) ? List.copyOf(values) : List.of()));
		return new Frozen(copy);
	}

	/** A copy made by {@link #copyOf}: unmodifiable, its value lists immutable. */
	private static final class Frozen extends AbstractMap<String, List<String>> {

		private final Map<String, List<String>> map;

		Frozen(Map<String, List<String>> copy) {
			this.map = Collections.unmodifiableMap(copy);
		}

		@Override
		public Set<Entry<String, List<String>>> entrySet() {
			return this.map.entrySet();
		}

		@Override
		public List<String> get(Object key) {
			return this.map.get(key);
		}

		@Override
		public boolean containsKey(Object key) {
			return this.map.containsKey(key);
		}

		@Override
		public int size() {
			return this.map.size();
		}

		@Override
		public void forEach(BiConsumer<? super String, ? super List<String>> action) {
			this.map.forEach(action);
		}

	}

}
