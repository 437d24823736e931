package io.chronotrace.core.encrypt;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import javax.crypto.SecretKey;

import io.chronotrace.core.compress.Compression;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceCodec;
import io.chronotrace.core.trace.TraceId;

/**
 * Seals a whole trace document (its JSON, gzip-compressed first, since ciphertext does not
 * compress) with AES-256-GCM under a fresh random nonce, and opens it again. The trace id is
 * authenticated with it, so a sealed trace copied under another id does not open.
 * <p>
 * Sealed form: {@code "CTS1" | key id length (1 byte) | key id | nonce (12 bytes) | ciphertext
 * and tag}.
 */
final class TraceSealer {

	private static final byte[] MAGIC = Aead.ascii("CTS1");

	private static final Compression COMPRESSION = new Compression(true, 1, Compression.DEFAULT.maxPayloadSize());

	private final EncryptionKeys keys;

	TraceSealer(EncryptionKeys keys) {
		this.keys = keys;
	}

	byte[] seal(Trace trace) {
		byte[] plaintext = COMPRESSION.compress(TraceCodec.get().toBytes(trace.withoutAttachments()));
		SealedHeader header = new SealedHeader(this.keys.activeId(), Aead.randomBytes(Aead.NONCE_BYTES));
		byte[] ciphertext = Aead.seal(this.keys.active(), header.nonce(), aad(trace.id()), plaintext, 0,
				plaintext.length);
		byte[] head = header.bytes(MAGIC);
		byte[] sealed = new byte[head.length + ciphertext.length];
		System.arraycopy(head, 0, sealed, 0, head.length);
		System.arraycopy(ciphertext, 0, sealed, head.length, ciphertext.length);
		return sealed;
	}

	/**
	 * Opens a sealed trace.
	 * @throws SealedContentException when its key is not configured or the bytes were changed
	 */
	Trace open(TraceId id, byte[] sealed) {
		try {
			ByteArrayInputStream in = new ByteArrayInputStream(sealed);
			SealedHeader header = SealedHeader.read(in, MAGIC, Aead.NONCE_BYTES);
			SecretKey key = this.keys.get(header.keyId());
			if (key == null) {
				throw new SealedContentException(header.keyId(), "that key is not configured");
			}
			int offset = sealed.length - in.available();
			byte[] plaintext = Aead.open(key, header.keyId(), header.nonce(), aad(id), sealed, offset,
					sealed.length - offset);
			try (InputStream json = Compression.decompress(new ByteArrayInputStream(plaintext))) {
				return TraceCodec.get().readTrace(json);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] aad(TraceId id) {
		return Aead.ascii("chronotrace/trace/v1/" + id);
	}

}
