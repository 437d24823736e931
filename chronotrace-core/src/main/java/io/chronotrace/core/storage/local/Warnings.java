package io.chronotrace.core.storage.local;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Warns once per file or folder that cannot be read, so that a corrupt entry does not flood the
 * log on every listing. Remembers a bounded number of entries: past that, the least recently
 * seen are forgotten and may be warned about again.
 */
final class Warnings {

	private static final int REMEMBERED = 10_000;

	private final Consumer<String> sink;

	private final Map<Path, Boolean> warned = new LinkedHashMap<>(64, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<Path, Boolean> eldest) {
			return size() > REMEMBERED;
		}

	};

	Warnings(Consumer<String> sink) {
		this.sink = sink;
	}

	/**
	 * Warns about an entry unless it was already warned about.
	 * @param entry the file or folder
	 * @param reason why it is skipped, one line
	 */
	void skipping(Path entry, String reason) {
		boolean first;
		synchronized (this.warned) {
			first = this.warned.put(entry, Boolean.TRUE) == null;
		}
		if (first) {
			this.sink.accept("Skipping " + entry + " in local trace storage: " + reason);
		}
	}

	/**
	 * Warns about a failure that is not tied to one entry, every time.
	 * @param message the message
	 */
	void failure(String message) {
		this.sink.accept(message);
	}

}
