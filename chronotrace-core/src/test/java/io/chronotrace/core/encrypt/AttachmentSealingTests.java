package io.chronotrace.core.encrypt;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import javax.crypto.spec.SecretKeySpec;

import io.chronotrace.core.trace.TraceId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * Attachments are sealed under a key of their own (HKDF from a random salt in their header), so
 * that chunk nonces never repeat under one key; attachments that earlier versions sealed with a
 * random nonce prefix under the configured key still open, and tampering with either is
 * detected.
 */
class AttachmentSealingTests {

	private static final TraceId ID = TraceId.parse("01956f7e-8c00-7000-8000-000000000018");

	private static final EncryptionKeys KEYS = TestKeys.keys("k1", "k1");

	/** Three chunks, the last one short. */
	private static final byte[] CONTENT = content();

	@Test
	void anAttachmentRoundTripsUnderAKeyOfItsOwn() throws IOException {
		byte[] first = seal(CONTENT, "response-body");
		byte[] second = seal(CONTENT, "response-body");

		assertThat(open(first, "response-body")).isEqualTo(CONTENT);
		assertThat(Arrays.copyOf(first, 4)).isEqualTo(Aead.ascii("CTA2"));
		// magic, key id length, "k1", then the salt: random per attachment
		assertThat(Arrays.copyOfRange(first, 7, 39)).isNotEqualTo(Arrays.copyOfRange(second, 7, 39));
		assertThat(Arrays.copyOfRange(first, 39, 39 + 64)).isNotEqualTo(Arrays.copyOfRange(second, 39, 39 + 64));
		assertThat(first).hasSize(39 + CONTENT.length + 3 * Aead.TAG_BYTES);
	}

	@Test
	void anAttachmentSealedByEarlierVersionsStillOpens() throws IOException {
		byte[] version1 = fixture();
		assertThat(Arrays.copyOf(version1, 4)).isEqualTo(Aead.ascii("CTA1"));

		assertThat(open(version1, "response-body")).isEqualTo(CONTENT);
	}

	@Test
	void aChangedByteOfEitherVersionFailsAuthentication() throws IOException {
		for (byte[] sealed : new byte[][] { seal(CONTENT, "response-body"), fixture() }) {
			for (int at : new int[] { 10, 50, sealed.length / 2, sealed.length - 1 }) {
				byte[] tampered = sealed.clone();
				tampered[at] ^= 0x01;

				assertThatIOException().as("byte %d of %s", at, new String(sealed, 0, 4))
					.isThrownBy(() -> open(tampered, "response-body"));
			}
		}
	}

	@Test
	void anAttachmentCutAtAChunkBoundaryOrMovedToAnotherNameDoesNotOpen() throws IOException {
		for (byte[] sealed : new byte[][] { seal(CONTENT, "response-body"), fixture() }) {
			int header = sealed.length - CONTENT.length - 3 * Aead.TAG_BYTES;
			byte[] cut = Arrays.copyOf(sealed, header + 2 * (SealingOutputStream.CHUNK + Aead.TAG_BYTES));

			assertThatIOException().isThrownBy(() -> open(cut, "response-body"))
				.withMessageContaining("authentication failed");
			assertThatIOException().isThrownBy(() -> open(sealed, "request-body"))
				.withMessageContaining("authentication failed");
		}
	}

	@Test
	void theKeyOfAnAttachmentIsHkdfSha256AsRfc5869Says() {
		// RFC 5869, test case 1: the first 32 bytes of its OKM
		HexFormat hex = HexFormat.of();
		byte[] ikm = hex.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
		byte[] salt = hex.parseHex("000102030405060708090a0b0c");
		byte[] info = hex.parseHex("f0f1f2f3f4f5f6f7f8f9");

		byte[] okm = Aead.derive(new SecretKeySpec(ikm, "AES"), salt, info).getEncoded();

		assertThat(hex.formatHex(okm)).isEqualTo("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf");
	}

	private static byte[] seal(byte[] content, String name) throws IOException {
		ByteArrayOutputStream sealed = new ByteArrayOutputStream();
		try (SealingOutputStream out = new SealingOutputStream(sealed, KEYS, ID, name)) {
			out.write(content);
		}
		return sealed.toByteArray();
	}

	private static byte[] open(byte[] sealed, String name) throws IOException {
		try (InputStream in = new OpeningInputStream(new ByteArrayInputStream(sealed), KEYS, ID, name)) {
			return in.readAllBytes();
		}
	}

	/** What version 1 wrote of {@link #CONTENT} (its last release's SealingOutputStream), as it was stored. */
	private static byte[] fixture() throws IOException {
		try (InputStream in = AttachmentSealingTests.class.getResourceAsStream("attachment-cta1.bin")) {
			return in.readAllBytes();
		}
	}

	private static byte[] content() {
		byte[] content = new byte[2 * SealingOutputStream.CHUNK + 1000];
		new Random(18).nextBytes(content);
		return content;
	}

}
