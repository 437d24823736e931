package io.chronotrace.core.storage.local;

import java.nio.file.Path;
import java.util.function.Consumer;

import io.chronotrace.core.support.RateLimitedLog;

/**
 * Warns once per file or folder that cannot be read, so that a corrupt entry does not flood the
 * log on every listing; throttled by {@link RateLimitedLog#warnOnce(Object, java.util.function.Supplier)},
 * which remembers a bounded number of entries.
 */
final class Warnings {

	private final Consumer<String> sink;

	private final RateLimitedLog skipped;

	Warnings(Consumer<String> sink) {
		this.sink = sink;
		this.skipped = RateLimitedLog.oncePerKey(sink);
	}

	/**
	 * Warns about an entry unless it was already warned about.
	 * @param entry the file or folder
	 * @param reason why it is skipped, one line
	 */
	void skipping(Path entry, String reason) {
		this.skipped.warnOnce(entry, () -> "Skipping " + entry + " in local trace storage: " + reason);
	}

	/**
	 * Warns about a failure that is not tied to one entry, every time.
	 * @param message the message
	 */
	void failure(String message) {
		this.sink.accept(message);
	}

}
