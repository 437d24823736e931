package io.chronotrace.core.trace;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;

/**
 * A body's JSON text with the UTF-8 bytes {@link JsonBodies} checked, written raw: the
 * generator copies the bytes instead of encoding the text again. Only the unquoted forms
 * are raw; the quoted ones (never asked of a raw value) escape the text as any string.
 */
final class RawJson implements SerializableString {

	private final String text;

	private final byte[] utf8;

	RawJson(String text, byte[] utf8) {
		this.text = text;
		this.utf8 = utf8;
	}

	@Override
	public String getValue() {
		return this.text;
	}

	@Override
	public int charLength() {
		return this.text.length();
	}

	@Override
	public byte[] asUnquotedUTF8() {
		return this.utf8.clone();
	}

	@Override
	public int appendUnquotedUTF8(byte[] buffer, int offset) {
		if (this.utf8.length > buffer.length - offset) {
			return -1;
		}
		System.arraycopy(this.utf8, 0, buffer, offset, this.utf8.length);
		return this.utf8.length;
	}

	@Override
	public int appendUnquoted(char[] buffer, int offset) {
		if (this.text.length() > buffer.length - offset) {
			return -1;
		}
		this.text.getChars(0, this.text.length(), buffer, offset);
		return this.text.length();
	}

	@Override
	public int writeUnquotedUTF8(OutputStream out) throws IOException {
		out.write(this.utf8);
		return this.utf8.length;
	}

	@Override
	public int putUnquotedUTF8(ByteBuffer buffer) {
		if (this.utf8.length > buffer.remaining()) {
			return -1;
		}
		buffer.put(this.utf8);
		return this.utf8.length;
	}

	@Override
	public char[] asQuotedChars() {
		return quoted().asQuotedChars();
	}

	@Override
	public byte[] asQuotedUTF8() {
		return quoted().asQuotedUTF8();
	}

	@Override
	public int appendQuotedUTF8(byte[] buffer, int offset) {
		return quoted().appendQuotedUTF8(buffer, offset);
	}

	@Override
	public int appendQuoted(char[] buffer, int offset) {
		return quoted().appendQuoted(buffer, offset);
	}

	@Override
	public int writeQuotedUTF8(OutputStream out) throws IOException {
		return quoted().writeQuotedUTF8(out);
	}

	@Override
	public int putQuotedUTF8(ByteBuffer buffer) throws IOException {
		return quoted().putQuotedUTF8(buffer);
	}

	private SerializableString quoted() {
		return new SerializedString(this.text);
	}

	@Override
	public String toString() {
		return this.text;
	}

}
