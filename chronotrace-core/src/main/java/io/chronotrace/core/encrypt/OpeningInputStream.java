package io.chronotrace.core.encrypt;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import javax.crypto.SecretKey;

import io.chronotrace.core.trace.TraceId;
import org.jspecify.annotations.Nullable;

/**
 * Reads what a {@link SealingOutputStream} wrote, one chunk at a time, verifying each before
 * any of its bytes are returned. Reads both versions: {@code "CTA2"} (a key per attachment) and
 * {@code "CTA1"}, which earlier versions wrote (a random 8-byte nonce prefix and the chunk
 * number, under the configured key).
 */
final class OpeningInputStream extends InputStream {

	/** The magic of version 1. */
	static final byte[] MAGIC_V1 = Aead.ascii("CTA1");

	private static final int PREFIX_BYTES_V1 = 8;

	private static final int SEALED_CHUNK = SealingOutputStream.CHUNK + Aead.TAG_BYTES;

	private final InputStream in;

	private final SecretKey key;

	private final String keyId;

	/** The nonce prefix of version 1; {@code null} for version 2. */
	private final byte @Nullable [] prefixV1;

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
		byte[] magic = new byte[4];
		try {
			new DataInputStream(in).readFully(magic);
		}
		catch (EOFException ex) {
			throw new IOException("sealed ChronoTrace content cut short in its header", ex);
		}
		boolean v1 = Arrays.equals(magic, MAGIC_V1);
		if (!v1 && !Arrays.equals(magic, SealingOutputStream.MAGIC)) {
			throw new IOException("not a sealed ChronoTrace attachment (magic "
					+ new String(magic, StandardCharsets.ISO_8859_1) + ")");
		}
		SealedHeader header = SealedHeader.readAfterMagic(in, v1 ? PREFIX_BYTES_V1 : SealingOutputStream.SALT_BYTES);
		SecretKey configured = keys.get(header.keyId());
		if (configured == null) {
			throw new SealedContentException(header.keyId(), "that key is not configured");
		}
		this.keyId = header.keyId();
		if (v1) {
			this.key = configured;
			this.prefixV1 = header.nonce();
			this.aadBase = "chronotrace/attachment/v1/" + id + "/" + name + "/";
		}
		else {
			this.key = SealingOutputStream.attachmentKey(configured, header.nonce());
			this.prefixV1 = null;
			this.aadBase = SealingOutputStream.aadBase(id, name);
		}
	}

	/**
	 * Whether content starts as a sealed attachment does, of either version.
	 * @param magic its first four bytes
	 * @return whether it is sealed
	 */
	static boolean isSealed(byte[] magic) {
		return Arrays.equals(magic, SealingOutputStream.MAGIC) || Arrays.equals(magic, MAGIC_V1);
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
		byte[] nonce = (this.prefixV1 != null)
				? ByteBuffer.allocate(Aead.NONCE_BYTES).put(this.prefixV1).putInt(this.chunk).array()
				: SealingOutputStream.nonce(this.chunk);
		try {
			this.plain = Aead.open(this.key, this.keyId, nonce, SealingOutputStream.aad(this.aadBase, this.chunk, last),
					this.sealed, 0, length);
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
