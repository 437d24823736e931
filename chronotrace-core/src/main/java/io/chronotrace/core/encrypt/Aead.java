package io.chronotrace.core.encrypt;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-GCM with a 96-bit nonce and a 128-bit tag, and the header every sealed piece starts with:
 * a four-byte magic, then the id of the key it was sealed with.
 */
final class Aead {

	static final int NONCE_BYTES = 12;

	static final int TAG_BYTES = 16;

	private static final SecureRandom random = new SecureRandom();

	private Aead() {
	}

	static byte[] randomBytes(int count) {
		byte[] bytes = new byte[count];
		random.nextBytes(bytes);
		return bytes;
	}

	static byte[] seal(SecretKey key, byte[] nonce, byte[] aad, byte[] plaintext, int offset, int length) {
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
			cipher.updateAAD(aad);
			return cipher.doFinal(plaintext, offset, length);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is not available: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Opens a sealed piece.
	 * @throws SealedContentException when the tag does not match: tampered, truncated, or sealed
	 * for another trace
	 */
	static byte[] open(SecretKey key, String keyId, byte[] nonce, byte[] aad, byte[] sealed, int offset, int length) {
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
			cipher.updateAAD(aad);
			return cipher.doFinal(sealed, offset, length);
		}
		catch (AEADBadTagException ex) {
			throw new SealedContentException(keyId,
					"authentication failed (the stored bytes were changed, cut, or belong to another trace)");
		}
		catch (GeneralSecurityException ex) {
			throw new SealedContentException(keyId, "cannot be decrypted: " + ex.getMessage());
		}
	}

	static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

}
