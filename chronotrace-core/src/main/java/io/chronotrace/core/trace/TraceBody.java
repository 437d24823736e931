package io.chronotrace.core.trace;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A captured request or response body.
 * <p>
 * A body is kept in one of three ways ({@link Encoding}): as text decoded with the charset of
 * its content type, as base64 when it is binary, or, when it is larger than the compression
 * settings' {@code max-payload-size}, as an attachment file beside {@code trace.json} named by
 * {@link #attachment()}. Binary and compressed bodies are left out ({@code OMITTED}) unless
 * binary capture is switched on, since they cannot be scrubbed.
 * <p>
 * In the stored record (format version 3), a text body that is a whole JSON object or array
 * is written as that JSON value rather than as an escaped string ({@code "encoding": "JSON"});
 * it reads back as {@link Encoding#TEXT} with the same text, so nothing but the codec tells
 * the two apart.
 *
 * @param contentType the content type as sent, if any
 * @param encoding how the content is kept
 * @param content the text or base64 content; {@code null} for attachments
 * @param attachment the name of the attachment that holds the content, for
 * {@link Encoding#ATTACHMENT}
 * @param charset the charset the content was decoded with (text and text attachments)
 * @param size the size of the body on the wire, in bytes
 * @param capturedSize how many of those bytes were captured
 * @param truncated whether the body was cut at the capture limit ({@code capturedSize < size})
 */
@JsonDeserialize(using = TraceBodyDeserializer.class)
public record TraceBody(@Nullable String contentType, Encoding encoding, @Nullable String content,
		@Nullable String attachment, @Nullable String charset, long size, long capturedSize, boolean truncated) {

	/** How a body's content is kept. */
	public enum Encoding {

		/** Decoded text in {@link TraceBody#content()}. */
		TEXT,

		/** Base64 of the bytes in {@link TraceBody#content()}. */
		BASE64,

		/** In a separate attachment file named by {@link TraceBody#attachment()}. */
		ATTACHMENT,

		/**
		 * Not kept: a binary or compressed body, which cannot be scrubbed; only its size is
		 * recorded.
		 */
		OMITTED

	}

	/**
	 * A text body.
	 * @param contentType the content type
	 * @param text the decoded text
	 * @param charset the charset used to decode it
	 * @param size the size on the wire
	 * @param capturedSize the number of bytes captured
	 * @return the body
	 */
	public static TraceBody text(@Nullable String contentType, String text, String charset, long size,
			long capturedSize) {
		return new TraceBody(contentType, Encoding.TEXT, text, null, charset, size, capturedSize, capturedSize < size);
	}

	/**
	 * A copy with other content, as scrubbing makes.
	 * @param content the content
	 * @return the copy
	 */
	public TraceBody withContent(String content) {
		return new TraceBody(this.contentType, this.encoding, content, this.attachment, this.charset, this.size,
				this.capturedSize, this.truncated);
	}

}
