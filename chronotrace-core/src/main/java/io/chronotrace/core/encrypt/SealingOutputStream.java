package io.chronotrace.core.encrypt;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

import javax.crypto.SecretKey;

import io.chronotrace.core.trace.TraceId;

/**
 * Seals a stream (an attachment) in chunks of {@value #CHUNK} bytes, each its own AES-GCM
 * message, so that neither writing nor reading ever holds the whole attachment in memory.
 * Each chunk's nonce is a random 8-byte prefix and the chunk's number; its associated data
 * names the trace, the attachment, the chunk number and whether it is the last chunk, so
 * chunks cannot be reordered, dropped, cut off at the end or moved to another attachment
 * without failing authentication.
 * <p>
 * Sealed form: {@code "CTA1" | key id length (1 byte) | key id | nonce prefix (8 bytes) |
 * chunk*}, a chunk being the ciphertext of up to {@value #CHUNK} bytes and its 16-byte tag; the
 * last chunk is always present and may hold no plaintext.
 */
final class SealingOutputStream extends OutputStream {

	static final byte[] MAGIC = Aead.ascii("CTA1");

	static final int CHUNK = 64 * 1024;

	static final int PREFIX_BYTES = 8;

	private final OutputStream out;

	private final SecretKey key;

	private final byte[] prefix;

	private final String aadBase;

	private final byte[] buffer = new byte[CHUNK];

	private int buffered;

	private int chunk;

	private boolean closed;

	SealingOutputStream(OutputStream out, EncryptionKeys keys, TraceId id, String name) throws IOException {
		this.out = out;
		this.key = keys.active();
		this.prefix = Aead.randomBytes(PREFIX_BYTES);
		this.aadBase = aadBase(id, name);
		out.write(new SealedHeader(keys.activeId(), this.prefix).bytes(MAGIC));
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
		byte[] sealed = Aead.seal(this.key, nonce(this.prefix, this.chunk), aad(this.aadBase, this.chunk, last),
				this.buffer, 0, this.buffered);
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

	static String aadBase(TraceId id, String name) {
		return "chronotrace/attachment/v1/" + id + "/" + name + "/";
	}

	static byte[] nonce(byte[] prefix, int chunk) {
		return ByteBuffer.allocate(Aead.NONCE_BYTES).put(prefix).putInt(chunk).array();
	}

	static byte[] aad(String base, int chunk, boolean last) {
		return Aead.ascii(base + chunk + (last ? "/last" : "/more"));
	}

}
