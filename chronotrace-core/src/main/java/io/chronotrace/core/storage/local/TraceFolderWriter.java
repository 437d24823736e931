package io.chronotrace.core.storage.local;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;

import io.chronotrace.core.compress.Compression;
import io.chronotrace.core.storage.TraceLayout;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceAttachment;
import io.chronotrace.core.trace.TraceCodec;

/**
 * Writes a trace folder so that no reader ever sees it half written: every file goes into a
 * hidden work folder under the root, which one atomic rename then turns into
 * {@code {day}/{traceId}}. A trace stored again replaces the earlier one, which is first
 * renamed out of sight.
 * <p>
 * Files are not forced to disk: a killed process loses nothing the operating system already
 * holds in its page cache, and only a power loss could leave a trace incomplete, which readers
 * skip with a warning.
 */
final class TraceFolderWriter {

	private static final int PUBLISH_ATTEMPTS = 5;

	private final LocalTree tree;

	private final Compression compression;

	TraceFolderWriter(LocalTree tree, Compression compression) {
		this.tree = tree;
		this.compression = compression;
	}

	/**
	 * Writes a trace, its summary and its attachments.
	 * @param trace the trace, whose attachment names are already checked
	 * @return the bytes written
	 * @throws IOException when writing fails
	 */
	long write(Trace trace) throws IOException {
		Path work = this.tree.workEntry("tmp", trace.id().toString());
		Files.createDirectories(work);
		boolean published = false;
		try {
			boolean compressed = this.compression.enabled();
			long bytes = writeFile(work.resolve(TraceLayout.traceFile(compressed)), this.compression,
					(out) -> TraceCodec.get().write(trace, out));
			bytes += writeFile(work.resolve(TraceLayout.METADATA_FILE), Compression.NONE,
					(out) -> TraceCodec.get().write(trace.summary(), out));
			for (TraceAttachment attachment : trace.attachments()) {
				Path file = work.resolve(TraceLayout.attachmentFile(attachment.name(), compressed));
				bytes += writeFile(file, this.compression, (out) -> copy(attachment, out));
			}
			publish(work, TraceLayout.dayOf(trace.startTime()), trace);
			published = true;
			return bytes;
		}
		finally {
			if (!published) {
				this.tree.deleteQuietly(work);
			}
		}
	}

	private void publish(Path work, LocalDate day, Trace trace) throws IOException {
		Path target = this.tree.traceFolder(day, trace.id());
		for (int attempt = 1;; attempt++) {
			try {
				Files.createDirectories(target.getParent());
				Files.move(work, target, StandardCopyOption.ATOMIC_MOVE);
				return;
			}
			catch (NoSuchFileException ex) {
				// the day folder was purged between creating and moving into it
				if (attempt == PUBLISH_ATTEMPTS) {
					throw ex;
				}
			}
			catch (FileSystemException ex) {
				// an earlier version of the trace is in the way (rename cannot replace a
				// folder that is not empty): move it out of sight, then try again
				if (attempt == PUBLISH_ATTEMPTS || !Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
					throw ex;
				}
				this.tree.discard(target, "old");
			}
		}
	}

	private static long writeFile(Path file, Compression compression, Content content) throws IOException {
		try (OutputStream out = compression.compress(
				new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE_NEW), 64 * 1024))) {
			content.writeTo(out);
		}
		return Files.size(file);
	}

	private static void copy(TraceAttachment attachment, OutputStream out) throws IOException {
		try (InputStream in = Files.newInputStream(attachment.file())) {
			in.transferTo(out);
		}
	}

	@FunctionalInterface
	private interface Content {

		void writeTo(OutputStream out) throws IOException;

	}

}
