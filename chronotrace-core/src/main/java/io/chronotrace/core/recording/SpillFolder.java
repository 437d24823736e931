package io.chronotrace.core.recording;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where bodies larger than the memory threshold are spilled while they are captured (scrubbed,
 * not encrypted): a folder of the user's choice, used as given, or else one private to this
 * process, created with a random name under {@code java.io.tmpdir}, readable by its owner only,
 * and deleted with what it holds when the process is done with it ({@link #close()}).
 * <p>
 * A fixed shared folder such as {@code /tmp/chronotrace} would let another user of the machine
 * create it first and read, swap or delete the bodies spilled there.
 */
public final class SpillFolder implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(SpillFolder.class);

	private final Path path;

	private final boolean owned;

	private SpillFolder(Path path, boolean owned) {
		this.path = path;
		this.owned = owned;
	}

	/**
	 * A folder the user chose: used as given (created when missing, at the first spill), never
	 * deleted.
	 * @param path the folder
	 * @return the spill folder
	 */
	public static SpillFolder of(Path path) {
		return new SpillFolder(path, false);
	}

	/**
	 * Creates a folder private to this process, deleted by {@link #close()}.
	 * @return the spill folder
	 * @throws UncheckedIOException when the folder cannot be created
	 */
	public static SpillFolder createPrivate() {
		try {
			// on POSIX file systems the JDK creates it rwx------ already; said again, so that no
			// umask or other provider can widen it
			Path path = Files.createTempDirectory("chronotrace-spill-");
			if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
				Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
			}
			return new SpillFolder(path, true);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not create a private folder for spilled bodies in "
					+ System.getProperty("java.io.tmpdir") + " (set chronotrace.capture.spill-path to choose one)", ex);
		}
	}

	/**
	 * The folder.
	 * @return its path
	 */
	public Path path() {
		return this.path;
	}

	/**
	 * Whether this process created the folder and deletes it.
	 * @return whether it is private to the process
	 */
	public boolean isPrivate() {
		return this.owned;
	}

	/**
	 * Deletes a private folder with the files left in it; a folder the user chose is left alone.
	 * Call it once nothing writes or reads spilled bodies any more (after the trace writer has
	 * drained its queue).
	 */
	@Override
	public void close() {
		if (!this.owned) {
			return;
		}
		try {
			if (Files.isDirectory(this.path)) {
				try (DirectoryStream<Path> files = Files.newDirectoryStream(this.path)) {
					for (Path file : files) {
						Files.deleteIfExists(file);
					}
				}
			}
			Files.deleteIfExists(this.path);
		}
		catch (IOException ex) {
			logger.warn("Could not delete the folder of spilled bodies {}: {}", this.path, ex.toString());
		}
	}

	@Override
	public String toString() {
		return "SpillFolder[" + this.path + (this.owned ? ", private" : "") + "]";
	}

}
