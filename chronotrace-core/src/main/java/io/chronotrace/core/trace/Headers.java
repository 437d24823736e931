package io.chronotrace.core.trace;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Immutable, order-keeping copies of header maps. */
final class Headers {

	private Headers() {
	}

	static Map<String, List<String>> copyOf(Map<String, List<String>> headers) {
		if (headers == null || headers.isEmpty()) {
			return Map.of();
		}
		Map<String, List<String>> copy = new LinkedHashMap<>(headers.size() * 2);
		headers.forEach((name, values) -> copy.put(name, (values != null) ? List.copyOf(values) : List.of()));
		return Collections.unmodifiableMap(copy);
	}

}
