package io.chronotrace.core.encrypt;

/**
 * Sealed content that cannot be opened: sealed with a key that is not configured, or changed
 * since it was sealed. The message names the key id, never a key.
 */
public final class SealedContentException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String keyId;

	SealedContentException(String keyId, String reason) {
		super("sealed with key '" + keyId + "': " + reason);
		this.keyId = keyId;
	}

	/**
	 * The id of the key the content names.
	 * @return the key id
	 */
	public String keyId() {
		return this.keyId;
	}

}
