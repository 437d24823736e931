package io.chronotrace.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Client-side encryption of stored traces, under {@code chronotrace.encryption.*}.
 */
@ConfigurationProperties("chronotrace.encryption")
public class ChronoTraceEncryptionProperties {

	/** Whether traces and attachments are sealed with AES-256-GCM before they reach storage. */
	private boolean enabled = false;

	/** Keys by key id: base64 of 32 random bytes each (openssl rand -base64 32). Give them through the environment or a secret store, never in a committed file. */
	private Map<String, String> keys = new LinkedHashMap<>();

	/** Id of the key new traces are sealed with. Default: the only key, when there is one. Older keys stay configured to keep older traces readable. */
	private @Nullable String activeKey;

	/** Whether the fields a listing filters on (method, path, status, duration, application, exception class) are sealed too; listings then filter by time only. */
	private boolean encryptSummaries = false;

	/** Whether traces and attachments read back that are not sealed (stored before encryption was on, or planted by whoever can write to the storage) are refused with a warning instead of shown. Turn it on once traces stored in clear are purged. */
	private boolean requireSealed = false;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Map<String, String> getKeys() {
		return this.keys;
	}

	public void setKeys(Map<String, String> keys) {
		this.keys = keys;
	}

	public @Nullable String getActiveKey() {
		return this.activeKey;
	}

	public void setActiveKey(@Nullable String activeKey) {
		this.activeKey = activeKey;
	}

	public boolean isEncryptSummaries() {
		return this.encryptSummaries;
	}

	public void setEncryptSummaries(boolean encryptSummaries) {
		this.encryptSummaries = encryptSummaries;
	}

	public boolean isRequireSealed() {
		return this.requireSealed;
	}

	public void setRequireSealed(boolean requireSealed) {
		this.requireSealed = requireSealed;
	}

}
