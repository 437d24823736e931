package io.chronotrace.core.scrub;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/** Runs bodies through a {@link DefaultBodyScrubber} the way capture does: in pieces. */
final class BodyScrubbing {

	private final BodyScrubber scrubber;

	BodyScrubbing(ScrubRules rules) {
		this.scrubber = new DefaultBodyScrubber(rules);
	}

	String scrub(String body, @Nullable String contentType) {
		return scrub(body, contentType, 8192);
	}

	String scrub(String body, @Nullable String contentType, int pieceSize) {
		return new String(scrub(body.getBytes(StandardCharsets.UTF_8), contentType, pieceSize), StandardCharsets.UTF_8);
	}

	byte[] scrub(byte[] body, @Nullable String contentType, int pieceSize) {
		ByteArrayOutputStream target = new ByteArrayOutputStream();
		try (OutputStream out = this.scrubber.scrubbing(target, contentType)) {
			for (int offset = 0; offset < body.length; offset += pieceSize) {
				int length = Math.min(pieceSize, body.length - offset);
				if (length == 1) {
					out.write(body[offset]);
				}
				else {
					out.write(body, offset, length);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return target.toByteArray();
	}

}
