package io.chronotrace.core.scrub;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.chronotrace.core.support.ContentTypes;
import org.jspecify.annotations.Nullable;

/**
 * How a body is scrubbed, as its content type says, and the charset it is read with.
 *
 * @param kind the kind of scrubbing
 * @param charset the charset of the body
 */
record BodyFormat(Kind kind, Charset charset) {

	/** Kinds of scrubbing. */
	enum Kind {

		/** UTF-8 JSON, scanned once and copied through. */
		JSON,

		/** URL-encoded form fields. */
		FORM,

		/** Text, scanned for value patterns and {@code name=value} secrets. */
		TEXT,

		/** Binary content, kept as it is. */
		BINARY

	}

	/**
	 * Formats of the content types seen, which an application has few of: parsing one for each
	 * captured body showed in profiles. Bounded, as clients choose request content types.
	 */
	private static final Map<String, BodyFormat> KNOWN = new ConcurrentHashMap<>();

	private static final int MAX_KNOWN = 256;

	private static final Set<String> BINARY_TYPES = Set.of("image", "audio", "video", "font");

	private static final Set<String> BINARY_SUBTYPES = Set.of("octet-stream", "pdf", "zip", "gzip", "x-gzip",
			"x-tar", "x-7z-compressed", "vnd.rar", "protobuf", "x-protobuf", "grpc", "msgpack", "x-msgpack", "cbor",
			"wasm", "java-archive", "x-java-serialized-object");

	/**
	 * The format of a content type. Text without a charset is read as ISO-8859-1, which keeps
	 * every byte as it is whatever the real charset (the patterns look for ASCII); so are
	 * multipart bodies and unknown or missing content types. JSON is UTF-8 unless its charset
	 * says otherwise, in which case it is scrubbed as text.
	 * @param contentType the content type, such as {@code application/json; charset=utf-8}
	 * @return the format
	 */
	static BodyFormat of(@Nullable String contentType) {
		if (contentType == null) {
			return parse(null);
		}
		BodyFormat known = KNOWN.get(contentType);
		if (known != null) {
			return known;
		}
		BodyFormat format = parse(contentType);
		if (KNOWN.size() < MAX_KNOWN) {
			KNOWN.putIfAbsent(contentType, format);
		}
		return format;
	}

	private static BodyFormat parse(@Nullable String contentType) {
		String mediaType = ContentTypes.mimeType(contentType);
		if (mediaType.isEmpty()) {
			return new BodyFormat(Kind.TEXT, StandardCharsets.ISO_8859_1);
		}
		Charset charset = ContentTypes.charset(contentType);
		int slash = mediaType.indexOf('/');
		String type = (slash >= 0) ? mediaType.substring(0, slash) : mediaType;
		String subtype = (slash >= 0) ? mediaType.substring(slash + 1) : "";
		if (ContentTypes.isJson(mediaType)) {
			if (charset == null || charset.equals(StandardCharsets.UTF_8) || charset.equals(StandardCharsets.US_ASCII)) {
				return new BodyFormat(Kind.JSON, StandardCharsets.UTF_8);
			}
			return new BodyFormat(Kind.TEXT, charset);
		}
		if (mediaType.equals("application/x-www-form-urlencoded")) {
			return new BodyFormat(Kind.FORM, (charset != null) ? charset : StandardCharsets.UTF_8);
		}
		if (BINARY_TYPES.contains(type) || BINARY_SUBTYPES.contains(subtype)) {
			return new BodyFormat(Kind.BINARY, StandardCharsets.ISO_8859_1);
		}
		return new BodyFormat(Kind.TEXT, (charset != null) ? charset : StandardCharsets.ISO_8859_1);
	}

}
