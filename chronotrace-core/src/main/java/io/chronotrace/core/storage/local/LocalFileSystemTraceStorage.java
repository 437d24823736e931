package io.chronotrace.core.storage.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import io.chronotrace.core.compress.Compression;
import io.chronotrace.core.storage.LayoutMismatchException;
import io.chronotrace.core.storage.TraceLayout;
import io.chronotrace.core.storage.TraceStorageException;
import io.chronotrace.core.storage.UnusableLocationException;
import io.chronotrace.core.storage.folder.FolderTraceStorage;
import io.chronotrace.core.storage.objectstore.FileSystemObjectStore;
import io.chronotrace.core.storage.segment.SegmentFiles;
import io.chronotrace.core.support.Failures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps traces in a local directory ({@code chronotrace.storage=local}, the default), in the
 * folder layout of {@link TraceLayout}: the {@link FolderTraceStorage} over a
 * {@link FileSystemObjectStore}. A new trace's folder appears in one atomic rename once all its
 * files are written, and a folder disappears in one rename before it is deleted, so a process
 * killed at any moment leaves no half trace for a reader to choke on; the hidden work entries it
 * may leave under the root are deleted once stale, at start-up. Thread-safe, also across
 * processes sharing the directory.
 */
public final class LocalFileSystemTraceStorage extends FolderTraceStorage {

	private static final Logger logger = LoggerFactory.getLogger(LocalFileSystemTraceStorage.class);

	private final Path root;

	private final Compression compression;

	/**
	 * Creates a storage, creating its directory when missing.
	 * @param root the directory; relative paths are resolved against the working directory
	 * @param compression whether and how to gzip traces and attachments
	 * @throws TraceStorageException when the directory cannot be created or written, or holds
	 * the segments layout
	 */
	public LocalFileSystemTraceStorage(Path root, Compression compression) {
		this(root, compression, logger::warn);
	}

	LocalFileSystemTraceStorage(Path root, Compression compression, Consumer<String> warnings) {
		super(open(root, warnings), compression, warnings);
		this.root = ((FileSystemObjectStore) store()).root();
		this.compression = compression;
	}

	/** The directory, created and proved writable, its stale work entries deleted. */
	private static FileSystemObjectStore open(Path root, Consumer<String> warnings) {
		FileSystemObjectStore store = new FileSystemObjectStore(root, warnings);
		if (SegmentFiles.isSegmentLayout(store.root())) {
			throw new LayoutMismatchException(store.root().toString(), "segments", "folders", "");
		}
		try {
			Files.createDirectories(store.root());
			Path probe = Files.createTempFile(store.root(), ".probe-", "");
			Files.delete(probe);
		}
		catch (IOException ex) {
			throw new UnusableLocationException(store.root().toString(), "local trace storage directory " + store.root()
					+ " is not writable: " + Failures.oneLine(ex), false, ex);
		}
		store.deleteStaleWork();
		return store;
	}

	/**
	 * How many {@code metadata.json} files listings have read.
	 * @return the count
	 */
	long metadataReads() {
		return summaryReads();
	}

	@Override
	public String toString() {
		return "LocalFileSystemTraceStorage{root=" + this.root + ", compression="
				+ (this.compression.enabled() ? "gzip level " + this.compression.level() : "none") + "}";
	}

}
