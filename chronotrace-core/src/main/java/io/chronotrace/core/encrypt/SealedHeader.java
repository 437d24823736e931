package io.chronotrace.core.encrypt;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The start of every sealed piece: four magic bytes that say what it is and which version,
 * the length of the key id (one byte) and the key id in ASCII, then the nonce or nonce prefix.
 *
 * @param keyId the id of the key the piece was sealed with
 * @param nonce the nonce (a trace), the salt of its key (an attachment) or, in attachments of
 * version 1, the nonce prefix
 */
record SealedHeader(String keyId, byte[] nonce) {

	byte[] bytes(byte[] magic) {
		byte[] id = this.keyId.getBytes(StandardCharsets.US_ASCII);
		byte[] header = new byte[magic.length + 1 + id.length + this.nonce.length];
		System.arraycopy(magic, 0, header, 0, magic.length);
		header[magic.length] = (byte) id.length;
		System.arraycopy(id, 0, header, magic.length + 1, id.length);
		System.arraycopy(this.nonce, 0, header, magic.length + 1 + id.length, this.nonce.length);
		return header;
	}

	static SealedHeader read(InputStream in, byte[] magic, int nonceLength) throws IOException {
		DataInputStream data = new DataInputStream(in);
		byte[] actual = new byte[magic.length];
		try {
			data.readFully(actual);
			if (!Arrays.equals(actual, magic)) {
				throw new IOException("not sealed ChronoTrace content (magic " + new String(actual, StandardCharsets.ISO_8859_1) + ")");
			}
			return readAfterMagic(in, nonceLength);
		}
		catch (EOFException ex) {
			throw new IOException("sealed ChronoTrace content cut short in its header", ex);
		}
	}

	/**
	 * Reads a header whose magic was read already.
	 * @param in the content after the magic
	 * @param nonceLength the length of the nonce field, which the magic's version gives
	 * @return the header
	 * @throws IOException when the header is cut short
	 */
	static SealedHeader readAfterMagic(InputStream in, int nonceLength) throws IOException {
		DataInputStream data = new DataInputStream(in);
		try {
			int idLength = data.readUnsignedByte();
			byte[] id = new byte[idLength];
			data.readFully(id);
			byte[] nonce = new byte[nonceLength];
			data.readFully(nonce);
			return new SealedHeader(new String(id, StandardCharsets.US_ASCII), nonce);
		}
		catch (EOFException ex) {
			throw new IOException("sealed ChronoTrace content cut short in its header", ex);
		}
	}

}
