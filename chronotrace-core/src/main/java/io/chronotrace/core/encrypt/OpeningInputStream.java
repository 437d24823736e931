package io.chronotrace.core.encrypt;

import java.io.IOException;
import java.io.InputStream;

import javax.crypto.SecretKey;

import io.chronotrace.core.trace.TraceId;

/**
 * Reads what a {@link SealingOutputStream} wrote, one chunk at a time, verifying each before
 * any of its bytes are returned.
 */
final class OpeningInputStream extends InputStream {

	private static final int SEALED_CHUNK = SealingOutputStream.CHUNK + Aead.TAG_BYTES;

	private final InputStream in;

	private final SecretKey key;

	private final String keyId;

	private final byte[] prefix;

	private final String aadBase;

	private final byte[] sealed = new byte[SEALED_CHUNK + 1];

	private int carried;

	private byte[] plain = new byte[0];

	private int position;

	private int chunk;

	private boolean done;

	/**
	 * Reads the header and finds the key.
	 * @throws SealedContentException when the key is not configured
	 * @throws IOException when the content is not a sealed attachment
	 */
	OpeningInputStream(InputStream in, EncryptionKeys keys, TraceId id, String name) throws IOException {
		this.in = in;
		SealedHeader header = SealedHeader.read(in, SealingOutputStream.MAGIC, SealingOutputStream.PREFIX_BYTES);
		SecretKey key = keys.get(header.keyId());
		if (key == null) {
			throw new SealedContentException(header.keyId(), "that key is not configured");
		}
		this.key = key;
		this.keyId = header.keyId();
		this.prefix = header.nonce();
		this.aadBase = SealingOutputStream.aadBase(id, name);
	}

	@Override
	public int read() throws IOException {
		byte[] one = new byte[1];
		int n = read(one, 0, 1);
		return (n == -1) ? -1 : (one[0] & 0xff);
	}

	@Override
	public int read(byte[] b, int off, int len) throws IOException {
		if (len == 0) {
			return 0;
		}
		while (this.position == this.plain.length) {
			if (this.done) {
				return -1;
			}
			nextChunk();
		}
		int n = Math.min(len, this.plain.length - this.position);
		System.arraycopy(this.plain, this.position, b, off, n);
		this.position += n;
		return n;
	}

	/** Reads one sealed chunk and one byte more, which tells whether it is the last. */
	private void nextChunk() throws IOException {
		int filled = this.carried;
		while (filled < this.sealed.length) {
			int n = this.in.read(this.sealed, filled, this.sealed.length - filled);
			if (n == -1) {
				break;
			}
			filled += n;
		}
		boolean last = filled <= SEALED_CHUNK;
		int length = last ? filled : SEALED_CHUNK;
		if (length < Aead.TAG_BYTES) {
			throw new IOException("Sealed attachment " + this.aadBase + " is cut short");
		}
		try {
			this.plain = Aead.open(this.key, this.keyId, SealingOutputStream.nonce(this.prefix, this.chunk),
					SealingOutputStream.aad(this.aadBase, this.chunk, last), this.sealed, 0, length);
		}
		catch (SealedContentException ex) {
			throw new IOException("Sealed attachment " + this.aadBase + "chunk " + this.chunk + ": " + ex.getMessage(),
					ex);
		}
		this.position = 0;
		this.chunk++;
		if (last) {
			this.done = true;
			this.carried = 0;
		}
		else {
			this.sealed[0] = this.sealed[SEALED_CHUNK];
			this.carried = 1;
		}
	}

	@Override
	public void close() throws IOException {
		this.in.close();
	}

}
