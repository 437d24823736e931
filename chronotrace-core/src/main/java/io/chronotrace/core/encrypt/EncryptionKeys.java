package io.chronotrace.core.encrypt;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * The AES-256 keys traces are sealed with, by key id, and the id of the one new traces are
 * sealed with. Old keys stay here after a rotation so that traces sealed with them stay
 * readable.
 */
public final class EncryptionKeys {

	/** Key length in bytes: AES-256. */
	public static final int KEY_BYTES = 32;

	private static final Pattern VALID_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

	private final Map<String, SecretKey> keys;

	private final String activeId;

	private EncryptionKeys(Map<String, SecretKey> keys, String activeId) {
		this.keys = Map.copyOf(keys);
		this.activeId = activeId;
	}

	/**
	 * Builds the key ring from base64 keys.
	 * @param base64Keys each key id with its key, base64 of 32 bytes
	 * @param activeId the id of the key new traces are sealed with
	 * @return the key ring
	 * @throws InvalidKeyException naming the key id whose value is missing or malformed, or an
	 * active id that names no key
	 */
	public static EncryptionKeys of(Map<String, String> base64Keys, @Nullable String activeId) {
		Map<String, SecretKey> keys = new LinkedHashMap<>();
		base64Keys.forEach((id, value) -> keys.put(id, decode(id, value)));
		if (keys.isEmpty()) {
			throw new InvalidKeyException(null, "no key is configured");
		}
		if (activeId == null || activeId.isBlank()) {
			if (keys.size() != 1) {
				throw new InvalidKeyException(null, "several keys are configured and none is named active");
			}
			activeId = keys.keySet().iterator().next();
		}
		if (!keys.containsKey(activeId)) {
			throw new InvalidKeyException(activeId, "the active key names no configured key");
		}
		return new EncryptionKeys(keys, activeId);
	}

	private static SecretKey decode(String id, @Nullable String base64) {
		if (!VALID_ID.matcher(id).matches()) {
			throw new InvalidKeyException(id,
					"a key id is 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit");
		}
		if (base64 == null || base64.isBlank()) {
			throw new InvalidKeyException(id, "the key is empty");
		}
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(base64.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidKeyException(id, "the key is not base64");
		}
		if (bytes.length != KEY_BYTES) {
			throw new InvalidKeyException(id,
					"the key is " + bytes.length + " bytes; AES-256 needs " + KEY_BYTES + " (base64 of 32 random bytes)");
		}
		return new SecretKeySpec(bytes, "AES");
	}

	/**
	 * The id of the key new traces are sealed with.
	 * @return the active key id
	 */
	public String activeId() {
		return this.activeId;
	}

	/**
	 * The key new traces are sealed with.
	 * @return the active key
	 */
	SecretKey active() {
		return this.keys.get(this.activeId);
	}

	/**
	 * A key by id.
	 * @param id the key id stored beside a ciphertext
	 * @return the key, or {@code null} when it is not configured (any more)
	 */
	@Nullable SecretKey get(String id) {
		return this.keys.get(id);
	}

	@Override
	public String toString() {
		// never the keys themselves
		return "EncryptionKeys[active=" + this.activeId + ", ids=" + this.keys.keySet() + "]";
	}

	/** A key that is missing or malformed; the message names the key id but never the key. */
	public static final class InvalidKeyException extends IllegalArgumentException {

		private static final long serialVersionUID = 1L;

		private final @Nullable String keyId;

		InvalidKeyException(@Nullable String keyId, String reason) {
			super((keyId != null) ? "Encryption key '" + keyId + "': " + reason : "Encryption keys: " + reason);
			this.keyId = keyId;
		}

		/**
		 * The key id the problem is about.
		 * @return the id, or {@code null} when the problem is about the keys as a whole
		 */
		public @Nullable String keyId() {
			return this.keyId;
		}

	}

}
