package io.chronotrace.capture.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

import io.chronotrace.core.support.ContentTypes;
import io.chronotrace.core.trace.TraceBody;

/**
 * A copy of the first bytes of a body, taken as the bytes pass by: it never reads the body
 * itself, so the application reads it as if nothing were there. Textual bodies are kept as
 * text; binary and compressed ones only by their size ({@code OMITTED}), unless binary bodies
 * are on. Thread-safe: the application may read the body on one thread while the trace
 * finishes on another.
 */
final class BodyTee {

	private final @Nullable String contentType;

	private final boolean omitted;

	private final int limit;

	private final ByteArrayOutputStream captured;

	private long size;

	private boolean complete;

	/**
	 * Starts the copy of a body.
	 * @param settings the capture settings
	 * @param contentType the body's content type, if any
	 * @param contentEncoding the body's content encoding, if any
	 */
	BodyTee(HttpBodySettings settings, @Nullable String contentType, @Nullable String contentEncoding) {
		this.contentType = contentType;
		this.omitted = !settings.binaryBodies() && (isEncoded(contentEncoding)
				|| (contentType != null && !ContentTypes.isTextual(contentType)));
		this.limit = this.omitted ? 0 : (int) Math.min(settings.maxBodySize(), Integer.MAX_VALUE - 16);
		this.captured = new ByteArrayOutputStream(Math.min(this.limit, 1024));
	}

	/**
	 * A tee holding a whole body, such as a request body the client already buffered.
	 * @param body the body
	 * @param settings the capture settings
	 * @param contentType the body's content type, if any
	 * @param contentEncoding the body's content encoding, if any
	 * @return the tee, complete
	 */
	static BodyTee of(byte[] body, HttpBodySettings settings, @Nullable String contentType,
			@Nullable String contentEncoding) {
		BodyTee tee = new BodyTee(settings, contentType, contentEncoding);
		tee.write(body, 0, body.length);
		tee.complete();
		return tee;
	}

	synchronized void write(byte[] bytes, int offset, int length) {
		this.size += length;
		int kept = Math.min(length, this.limit - this.captured.size());
		if (kept > 0) {
			this.captured.write(bytes, offset, kept);
		}
	}

	synchronized void write(int b) {
		this.size++;
		if (this.captured.size() < this.limit) {
			this.captured.write(b);
		}
	}

	/**
	 * Copies the first bytes of a buffer, leaving its position where it was.
	 * @param bytes the buffer
	 */
	synchronized void write(ByteBuffer bytes) {
		int length = bytes.remaining();
		this.size += length;
		int kept = Math.min(length, this.limit - this.captured.size());
		if (kept > 0) {
			byte[] chunk = new byte[kept];
			bytes.duplicate().get(chunk);
			this.captured.write(chunk, 0, kept);
		}
	}

	/**
	 * The bytes that passed so far, copied or not.
	 * @return the count
	 */
	synchronized long bytesSeen() {
		return this.size;
	}

	/** The body was read to its end. */
	synchronized void complete() {
		this.complete = true;
	}

	/**
	 * The size of the body: its declared length, else the bytes read when it was read to the
	 * end.
	 * @param contentLength the declared length, negative when unknown
	 * @return the size, or {@code null} when unknown
	 */
	synchronized @Nullable Long size(long contentLength) {
		if (contentLength >= 0) {
			return contentLength;
		}
		return this.complete ? this.size : null;
	}

	/**
	 * The captured body.
	 * @param contentLength the declared length, negative when unknown
	 * @return the body, or {@code null} when none of it was read
	 */
	synchronized @Nullable TraceBody body(long contentLength) {
		if (this.size == 0) {
			return null;
		}
		long size = Math.max(this.size, contentLength);
		if (this.omitted) {
			return new TraceBody(this.contentType, TraceBody.Encoding.OMITTED, null, null, null, size, 0, false);
		}
		byte[] bytes = this.captured.toByteArray();
		if (this.contentType == null || ContentTypes.isTextual(this.contentType)) {
			Charset named = ContentTypes.charset(this.contentType);
			Charset charset = (named != null) ? named : StandardCharsets.UTF_8;
			return TraceBody.text(this.contentType, new String(bytes, charset), charset.name(), size, bytes.length);
		}
		return new TraceBody(this.contentType, TraceBody.Encoding.BASE64, Base64.getEncoder().encodeToString(bytes),
				null, null, size, bytes.length, bytes.length < size);
	}

	private static boolean isEncoded(@Nullable String contentEncoding) {
		return contentEncoding != null && !contentEncoding.isBlank()
				&& !"identity".equalsIgnoreCase(contentEncoding.trim());
	}

}
