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
import org.jspecify.annotations.Nullable;

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

	/** The day folder last seen to exist, so that most writes skip creating it. */
	private volatile @Nullable Path knownDayFolder;

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
		createWorkFolder(work);
		boolean published = false;
		try {
			boolean compressed = this.compression.enabled();
			// small documents: built in memory and written with one call each, which is what
			// a trace costs most of all (see docs/benchmarks.md)
			byte[] json = this.compression.compress(TraceCodec.get().toBytes(trace));
			byte[] summary = TraceCodec.get().toBytes(trace.summary());
			Files.write(work.resolve(TraceLayout.traceFile(compressed)), json, StandardOpenOption.CREATE_NEW);
			Files.write(work.resolve(TraceLayout.METADATA_FILE), summary, StandardOpenOption.CREATE_NEW);
			long bytes = json.length + summary.length;
			for (TraceAttachment attachment : trace.attachments()) {
				Path file = work.resolve(TraceLayout.attachmentFile(attachment.name(), compressed));
				bytes += writeAttachment(file, attachment);
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

	private void createWorkFolder(Path work) throws IOException {
		try {
			Files.createDirectory(work);
		}
		catch (NoSuchFileException ex) {
			// the root itself was removed since start-up
			Files.createDirectories(work);
		}
	}

	private void publish(Path work, LocalDate day, Trace trace) throws IOException {
		Path target = this.tree.traceFolder(day, trace.id());
		for (int attempt = 1;; attempt++) {
			try {
				if (!target.getParent().equals(this.knownDayFolder)) {
					Files.createDirectories(target.getParent());
					this.knownDayFolder = target.getParent();
				}
				Files.move(work, target, StandardCopyOption.ATOMIC_MOVE);
				return;
			}
			catch (NoSuchFileException ex) {
				// the day folder was purged between creating and moving into it
				this.knownDayFolder = null;
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

	/** Streams an attachment, which may be large, through the compression into its file. */
	private long writeAttachment(Path file, TraceAttachment attachment) throws IOException {
		try (InputStream in = Files.newInputStream(attachment.file());
				OutputStream out = this.compression.compress(
						new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE_NEW), 64 * 1024))) {
			in.transferTo(out);
		}
		return Files.size(file);
	}

}
