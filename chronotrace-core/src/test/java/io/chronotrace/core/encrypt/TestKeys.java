package io.chronotrace.core.encrypt;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** Fixed test keys: base64 of 32 bytes each, reproducible from their seed. */
public final class TestKeys {

	private TestKeys() {
	}

	/**
	 * A base64 AES-256 key.
	 * @param seed the seed, one per distinct key
	 * @return base64 of 32 bytes
	 */
	public static String base64(long seed) {
		byte[] key = new byte[32];
		new Random(seed).nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

	/**
	 * A key ring.
	 * @param active the active key id
	 * @param ids key ids, each with a key from its own seed
	 * @return the keys
	 */
	public static EncryptionKeys keys(String active, String... ids) {
		Map<String, String> keys = new LinkedHashMap<>();
		for (String id : ids) {
			keys.put(id, base64(id.hashCode()));
		}
		return EncryptionKeys.of(keys, active);
	}

}
