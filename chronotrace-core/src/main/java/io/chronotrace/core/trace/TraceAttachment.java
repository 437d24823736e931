package io.chronotrace.core.trace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A body too large to keep inside {@code trace.json}, spilled to a temporary file while it was
 * captured. Backends copy the file beside the trace under {@link #name()}; the file is deleted
 * once the trace has been stored or dropped.
 *
 * @param name the attachment name, such as {@code request-body}; a plain file name
 * @param file the temporary file holding the captured bytes
 * @param size the size of the file
 */
public record TraceAttachment(String name, Path file, long size) {

	/** The name of a request body kept as an attachment. */
	public static final String REQUEST_BODY = "request-body";

	/** The name of a response body kept as an attachment. */
	public static final String RESPONSE_BODY = "response-body";

	private static final Logger logger = LoggerFactory.getLogger(TraceAttachment.class);

	private static final Pattern VALID_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{0,63}");

	public TraceAttachment {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(file, "file");
		if (!isValidName(name)) {
			throw new IllegalArgumentException("Invalid attachment name '" + name + "'");
		}
	}

	/**
	 * Tells whether text is a valid attachment name: 1 to 64 lower-case letters, digits, dots
	 * and dashes, starting with a letter or digit, so that it can never name a path outside the
	 * trace it belongs to. Backends check names that arrive from outside with it.
	 * @param name the text to test, may be {@code null}
	 * @return whether it is a valid attachment name
	 */
	public static boolean isValidName(@Nullable String name) {
		return name != null && VALID_NAME.matcher(name).matches();
	}

	/** Deletes the temporary file. */
	public void release() {
		try {
			Files.deleteIfExists(this.file);
		}
		catch (IOException ex) {
			logger.warn("Could not delete temporary trace attachment {}: {}", this.file, ex.toString());
		}
	}

}
