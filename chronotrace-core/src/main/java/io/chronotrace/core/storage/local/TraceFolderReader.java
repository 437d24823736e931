package io.chronotrace.core.storage.local;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

import io.chronotrace.core.support.Failures;
import io.chronotrace.core.compress.Compression;
import io.chronotrace.core.storage.TraceLayout;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceCodec;
import io.chronotrace.core.trace.TraceFormatException;
import io.chronotrace.core.trace.TraceId;
import org.jspecify.annotations.Nullable;

/**
 * Reads a trace folder back: the trace, whichever compression it was written with, and its
 * attachments as streams. What cannot be read is skipped with a warning, never thrown.
 */
final class TraceFolderReader {

	private static final int BUFFER_SIZE = 64 * 1024;

	private final Warnings warnings;

	TraceFolderReader(Warnings warnings) {
		this.warnings = warnings;
	}

	private static Trace read(Path file) throws IOException {
		try (InputStream in = Compression.decompress(Files.newInputStream(file))) {
			return TraceCodec.get().readTrace(in);
		}
	}

	Optional<Trace> readTrace(Path folder, TraceId id) {
		Trace trace;
		try {
			trace = LocalTree.readSwappedFile(() -> read(folder.resolve(TraceLayout.traceFile(isCompressed(folder)))));
		}
		catch (NoSuchFileException ex) {
			if (LocalTree.isFolder(folder)) {
				this.warnings.skipping(folder, "it has no " + TraceLayout.TRACE_FILE);
			}
			return Optional.empty();
		}
		catch (IOException | TraceFormatException ex) {
			this.warnings.skipping(folder.resolve(TraceLayout.traceFile(isCompressed(folder))),
					"cannot be read: " + Failures.oneLine(ex));
			return Optional.empty();
		}
		if (!trace.id().equals(id)) {
			this.warnings.skipping(folder, "it holds another trace, " + trace.id());
			return Optional.empty();
		}
		return Optional.of(trace);
	}

	/**
	 * Opens an attachment, decompressed when the trace was written compressed (the content
	 * itself decides nothing: a stored body may well be gzip data).
	 * @param folder the trace folder
	 * @param name the attachment name, already checked
	 * @return the content, or empty when there is no such attachment
	 */
	Optional<InputStream> openAttachment(Path folder, String name) {
		boolean compressed = isCompressed(folder);
		Path file = folder.resolve(TraceLayout.attachmentFile(name, compressed));
		InputStream in = null;
		try {
			in = new BufferedInputStream(Files.newInputStream(file), BUFFER_SIZE);
			return Optional.of(compressed ? new GZIPInputStream(in, BUFFER_SIZE) : in);
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
		catch (IOException ex) {
			closeQuietly(in);
			this.warnings.skipping(file, "cannot be read: " + Failures.oneLine(ex));
			return Optional.empty();
		}
	}

	private static boolean isCompressed(Path folder) {
		return Files.exists(folder.resolve(TraceLayout.COMPRESSED_TRACE_FILE));
	}

	private static void closeQuietly(@Nullable InputStream in) {
		if (in != null) {
			try {
				in.close();
			}
			catch (IOException ex) {
				// nothing more to do
			}
		}
	}

}
