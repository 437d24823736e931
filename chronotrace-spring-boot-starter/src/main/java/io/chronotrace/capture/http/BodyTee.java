package io.chronotrace.capture.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.chronotrace.core.trace.TraceBody;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * A copy of the first bytes of a body, taken as the bytes pass by: it never reads the body
 * itself, so the application reads it as if nothing were there. Thread-safe: the application
 * may read the body on one thread while the trace finishes on another.
 */
final class BodyTee {

	private static final Set<String> TEXTUAL_SUBTYPES = Set.of("json", "xml", "x-www-form-urlencoded", "javascript",
			"graphql", "x-ndjson", "yaml", "x-yaml", "csv");

	private final int limit;

	private final ByteArrayOutputStream captured;

	private long size;

	private boolean complete;

	BodyTee(long limit) {
		this.limit = (int) Math.min(limit, Integer.MAX_VALUE - 16);
		this.captured = new ByteArrayOutputStream(Math.min(this.limit, 1024));
	}

	/**
	 * A tee holding a whole body, such as a request body the client already buffered.
	 * @param body the body
	 * @param limit the most bytes kept
	 * @return the tee, complete
	 */
	static BodyTee of(byte[] body, long limit) {
		BodyTee tee = new BodyTee(limit);
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
	 * The captured body: text when the content type is textual, base64 otherwise.
	 * @param contentType the content type
	 * @param contentLength the declared length, negative when unknown
	 * @return the body, or {@code null} when none of it was read
	 */
	synchronized @Nullable TraceBody body(@Nullable MediaType contentType, long contentLength) {
		if (this.size == 0) {
			return null;
		}
		byte[] bytes = this.captured.toByteArray();
		long size = Math.max(this.size, contentLength);
		String type = (contentType != null) ? contentType.toString() : null;
		if (isTextual(contentType)) {
			Charset charset = (contentType.getCharset() != null) ? contentType.getCharset() : StandardCharsets.UTF_8;
			return TraceBody.text(type, new String(bytes, charset), charset.name(), size, bytes.length);
		}
		return new TraceBody(type, TraceBody.Encoding.BASE64, Base64.getEncoder().encodeToString(bytes), null, null,
				size, bytes.length, bytes.length < size);
	}

	static @Nullable MediaType mediaType(@Nullable String contentType) {
		if (contentType == null) {
			return null;
		}
		try {
			return MediaType.parseMediaType(contentType);
		}
		catch (InvalidMediaTypeException ex) {
			return null;
		}
	}

	private static boolean isTextual(@Nullable MediaType contentType) {
		if (contentType == null) {
			return false;
		}
		String subtype = contentType.getSubtype();
		return contentType.getType().equals("text") || subtype.endsWith("+json") || subtype.endsWith("+xml")
				|| (contentType.getType().equals("application") && TEXTUAL_SUBTYPES.contains(subtype));
	}

}
