package io.chronotrace.core.encrypt;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM with a 96-bit nonce and a 128-bit tag, HKDF to derive a key per piece, and the header
 * every sealed piece starts with: a four-byte magic, then the id of the key it was sealed with.
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

	/**
	 * Derives a key of its own for one piece (HKDF with SHA-256, RFC 5869): with a random salt
	 * per piece, each piece has its own nonce space, however many pieces one key seals.
	 * @param key the key the piece is sealed with
	 * @param salt the piece's random salt
	 * @param info what the derived key is for
	 * @return an AES-256 key
	 */
	static SecretKey derive(SecretKey key, byte[] salt, byte[] info) {
		try {
			Mac extract = Mac.getInstance("HmacSHA256");
			extract.init(new SecretKeySpec(salt, "HmacSHA256"));
			byte[] pseudoRandomKey = extract.doFinal(key.getEncoded());
			Mac expand = Mac.getInstance("HmacSHA256");
			expand.init(new SecretKeySpec(pseudoRandomKey, "HmacSHA256"));
			expand.update(info);
			expand.update((byte) 1);
			// SHA-256 gives the 32 bytes of an AES-256 key in one round
			return new SecretKeySpec(expand.doFinal(), "AES");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available: " + ex.getMessage(), ex);
		}
	}

	static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

}
