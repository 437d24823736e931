package io.chronotrace.core.scrub;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Scrubs bodies while they are captured, choosing by content type:
 * <ul>
 * <li>JSON ({@code application/json}, {@code +json}, UTF-8): the values of properties whose
 * name matches a key are replaced at any depth, strings are scrubbed with the value patterns;
 * read once, as the bytes arrive, and copied through as they came, formatting included.</li>
 * <li>Forms ({@code application/x-www-form-urlencoded}): the values of matching fields are
 * replaced, other values are scrubbed with the value patterns.</li>
 * <li>Text ({@code text/*}, XML, JSON in another charset, multipart, unknown types): value
 * patterns and {@code name=value} secrets, chunk by chunk.</li>
 * <li>Binary ({@code image/*}, {@code audio/*}, {@code video/*}, {@code font/*},
 * {@code application/octet-stream}, archives, protobuf...): kept as it is.</li>
 * </ul>
 */
public final class DefaultBodyScrubber implements BodyScrubber {

	private final ScrubRules rules;

	/**
	 * Creates a scrubber.
	 * @param rules what to scrub
	 */
	public DefaultBodyScrubber(ScrubRules rules) {
		this.rules = rules;
	}

	@Override
	public OutputStream scrubbing(OutputStream target, @Nullable String contentType) {
		BodyFormat format = BodyFormat.of(contentType);
		return switch (format.kind()) {
			case JSON -> new JsonScrubbingOutputStream(target, this.rules);
			case FORM -> new FormScrubbingOutputStream(target, format.charset(), this.rules);
			case TEXT -> new TextScrubbingOutputStream(target, format.charset(), this.rules.textMatcher());
			case BINARY -> target;
		};
	}

	/**
	 * Scrubs a body already held as text, such as one captured from an outbound call. Text
	 * of a binary content type is scrubbed as text.
	 * @param body the body
	 * @param contentType its content type
	 * @return the scrubbed body
	 */
	public String scrub(String body, @Nullable String contentType) {
		BodyFormat format = BodyFormat.of(contentType);
		return switch (format.kind()) {
			case JSON -> scrub(body, (out) -> new JsonScrubbingOutputStream(out, this.rules));
			case FORM -> scrub(body, (out) -> new FormScrubbingOutputStream(out, StandardCharsets.UTF_8, this.rules));
			case TEXT, BINARY -> this.rules.scrubText(body);
		};
	}

	/** Runs a text through a scrubbing stream, in UTF-8. */
	static String scrub(String text, Function<OutputStream, OutputStream> scrubbing) {
		ByteArrayOutputStream scrubbed = new ByteArrayOutputStream(text.length() + 16);
		try (OutputStream out = scrubbing.apply(scrubbed)) {
			out.write(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return scrubbed.toString(StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return "DefaultBodyScrubber[" + this.rules + "]";
	}

}
