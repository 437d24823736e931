package io.chronotrace.core.storage;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The result of {@link TraceStorage#check()}: up, or down with a one-line reason (never a stack
 * trace), plus details for the health endpoint.
 *
 * @param up whether the storage works
 * @param reason why it does not, {@code null} when up
 * @param details what the health endpoint shows beside the status
 */
public record StorageCheck(boolean up, @Nullable String reason, Map<String, Object> details) {

	public StorageCheck {
		details = Map.copyOf(details);
		if (!up) {
			Objects.requireNonNull(reason, "reason");
		}
	}

	/**
	 * A storage that works.
	 * @return the check result
	 */
	public static StorageCheck ok() {
		return new StorageCheck(true, null, Map.of());
	}

	/**
	 * A storage that does not work.
	 * @param reason a one-line reason
	 * @return the check result
	 */
	public static StorageCheck down(String reason) {
		return new StorageCheck(false, reason, Map.of());
	}

	/**
	 * A copy with more details.
	 * @param more the details to add
	 * @return the copy
	 */
	public StorageCheck withDetails(Map<String, Object> more) {
		Map<String, Object> copy = new LinkedHashMap<>(this.details);
		copy.putAll(more);
		return new StorageCheck(this.up, this.reason, copy);
	}

	/**
	 * A copy with one more detail.
	 * @param key the detail name
	 * @param value the value
	 * @return the copy
	 */
	public StorageCheck withDetail(String key, Object value) {
		Map<String, Object> copy = new LinkedHashMap<>(this.details);
		copy.put(key, value);
		return new StorageCheck(this.up, this.reason, copy);
	}

}
