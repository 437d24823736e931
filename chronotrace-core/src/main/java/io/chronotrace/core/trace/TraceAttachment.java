package io.chronotrace.core.trace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

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

	private static final Logger logger = LoggerFactory.getLogger(TraceAttachment.class);

	public TraceAttachment {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(file, "file");
		if (!name.matches("[a-z0-9][a-z0-9.-]{0,63}")) {
			throw new IllegalArgumentException("Invalid attachment name '" + name + "'");
		}
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
