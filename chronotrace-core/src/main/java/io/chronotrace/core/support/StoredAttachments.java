package io.chronotrace.core.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceAttachment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The attachments of a stored trace, for code that moves traces from one storage to another
 * (the spool drainer, the tiered mover, the storage tool's export): a trace read back carries
 * none, so they are copied to temporary files that the next storage reads as it would a fresh
 * trace's.
 */
public final class StoredAttachments {

	private static final Logger logger = LoggerFactory.getLogger(StoredAttachments.class);

	private StoredAttachments() {
	}

	/**
	 * A stored trace with its attachments copied to temporary files, ready to be stored
	 * elsewhere; the caller releases them ({@link Trace#releaseAttachments()}). An attachment
	 * the storage does not hold is left out with a warning.
	 * @param from the storage that holds the trace
	 * @param trace the trace as {@code from} returned it
	 * @return the trace with its attachments
	 * @throws UncheckedIOException when a temporary file cannot be written
	 */
	public static Trace withAttachments(TraceStorage from, Trace trace) {
		List<TraceAttachment> copies = new ArrayList<>();
		try {
			for (String name : trace.referencedAttachments()) {
				Optional<InputStream> content = from.openAttachment(trace.id(), name);
				if (content.isEmpty()) {
					logger.warn("Trace {} in {} storage refers to attachment {} that the storage does not hold",
							trace.id(), from.description().type(), name);
					continue;
				}
				Path file = Files.createTempFile("chronotrace-copy-", ".tmp");
				copies.add(new TraceAttachment(name, file, 0));
				try (InputStream in = content.get()) {
					Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
				}
				copies.set(copies.size() - 1, new TraceAttachment(name, file, Files.size(file)));
			}
		}
		catch (IOException | RuntimeException ex) {
			copies.forEach(TraceAttachment::release);
			if (ex instanceof IOException io) {
				throw new UncheckedIOException("Could not copy the attachments of trace " + trace.id(), io);
			}
			throw (RuntimeException) ex;
		}
		return new Trace(trace.schemaVersion(), trace.id(), trace.startTime(), trace.durationMicros(),
				trace.application(), trace.request(), trace.response(), trace.exception(), trace.events(),
				trace.droppedEvents(), trace.tracing(), copies);
	}

}
