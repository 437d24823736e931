package io.chronotrace.core.encrypt;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

import javax.crypto.SecretKey;

import io.chronotrace.core.trace.TraceId;

/**
 * Seals a stream (an attachment) in chunks of {@value #CHUNK} bytes, each its own AES-GCM
 * message, so that neither writing nor reading ever holds the whole attachment in memory.
 * <p>
 * Each attachment is sealed with a key of its own, derived from the configured key and a random
 * 32-byte salt (HKDF-SHA256), so that a chunk's nonce can simply be its number: nonces never
 * repeat under one key, however many attachments the configured key seals. Each chunk's
 * associated data names the trace, the attachment, the chunk number and whether it is the last
 * chunk, so chunks cannot be reordered, dropped, cut off at the end or moved to another
 * attachment without failing authentication.
 * <p>
 * Sealed form: {@code "CTA2" | key id length (1 byte) | key id | salt (32 bytes) | chunk*}, a
 * chunk being the ciphertext of up to {@value #CHUNK} bytes and its 16-byte tag; the last chunk
 * is always present and may hold no plaintext. Version 1 ({@code "CTA1"}, a random 8-byte
 * nonce prefix and the chunk number under the configured key) is still read
 * ({@link OpeningInputStream}).
 */
final class SealingOutputStream extends OutputStream {

	static final byte[] MAGIC = Aead.ascii("CTA2");

	static final int CHUNK = 64 * 1024;

	static final int SALT_BYTES = 32;

	private final OutputStream out;

	private final SecretKey key;

	private final String aadBase;

	private final byte[] buffer = new byte[CHUNK];

	private int buffered;

	private int chunk;

	private boolean closed;

	SealingOutputStream(OutputStream out, EncryptionKeys keys, TraceId id, String name) throws IOException {
		this.out = out;
		byte[] salt = Aead.randomBytes(SALT_BYTES);
		this.key = attachmentKey(keys.active(), salt);
		this.aadBase = aadBase(id, name);
		out.write(new SealedHeader(keys.activeId(), salt).bytes(MAGIC));
	}

	@Override
	public void write(int b) throws IOException {
		write(new byte[] { (byte) b }, 0, 1);
	}

	@Override
	public void write(byte[] b, int off, int len) throws IOException {
		while (len > 0) {
			if (this.buffered == CHUNK) {
				// only now is it known that this full chunk is not the last one
				sealChunk(false);
			}
			int n = Math.min(len, CHUNK - this.buffered);
			System.arraycopy(b, off, this.buffer, this.buffered, n);
			this.buffered += n;
			off += n;
			len -= n;
		}
	}

	private void sealChunk(boolean last) throws IOException {
		byte[] sealed = Aead.seal(this.key, nonce(this.chunk), aad(this.aadBase, this.chunk, last), this.buffer, 0,
				this.buffered);
		this.out.write(sealed);
		this.chunk++;
		this.buffered = 0;
	}

	@Override
	public void close() throws IOException {
		if (this.closed) {
			return;
		}
		this.closed = true;
		try {
			sealChunk(true);
		}
		finally {
			this.out.close();
		}
	}

	/**
	 * The key of one attachment.
	 * @param key the configured key it is sealed with
	 * @param salt the attachment's salt
	 * @return the derived key
	 */
	static SecretKey attachmentKey(SecretKey key, byte[] salt) {
		return Aead.derive(key, salt, Aead.ascii("chronotrace/attachment/v2"));
	}

	static String aadBase(TraceId id, String name) {
		return "chronotrace/attachment/v2/" + id + "/" + name + "/";
	}

	/** A chunk's nonce under its attachment's own key: the chunk number. */
	static byte[] nonce(int chunk) {
		return ByteBuffer.allocate(Aead.NONCE_BYTES).putInt(Aead.NONCE_BYTES - 4, chunk).array();
	}

	static byte[] aad(String base, int chunk, boolean last) {
		return Aead.ascii(base + chunk + (last ? "/last" : "/more"));
	}

}
