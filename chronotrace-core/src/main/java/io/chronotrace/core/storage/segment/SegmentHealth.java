package io.chronotrace.core.storage.segment;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

import io.chronotrace.core.storage.StorageCheck;
import org.jspecify.annotations.Nullable;

/**
 * The health of a segment storage: a probe of its directory and the last write's failure.
 */
final class SegmentHealth {

	/** The size of the probe file, a block. */
	private static final int PROBE_SIZE = 64 * 1024;

	private final SegmentDirectory directory;

	private final boolean readOnly;

	private volatile @Nullable String writeFailure;

	private volatile long neededAfterDiskFull;

	SegmentHealth(SegmentDirectory directory, boolean readOnly) {
		this.directory = directory;
		this.readOnly = readOnly;
	}

	void writeSucceeded() {
		this.writeFailure = null;
	}

	void noteWriteFailure(IOException ex) {
		noteWriteFailure(ex, 0);
	}

	/**
	 * Remembers a failed write.
	 * @param ex the failure
	 * @param bytes how many bytes the write needed, when known: after a full disk, health stays
	 * down until that much is free, as a batch larger than the probe would fail again
	 */
	void noteWriteFailure(IOException ex, long bytes) {
		String reason = SegmentDirectory.describe(ex);
		boolean diskFull = SegmentDirectory.isDiskFull(ex);
		this.writeFailure = diskFull ? "disk full: " + reason : reason;
		this.neededAfterDiskFull = diskFull ? bytes : 0;
	}

	/**
	 * Checks the directory: with a probe file as big as a block when {@code writeProbe}, else
	 * by asking the file system whether it is writable and, after a write found the disk full,
	 * whether there is room again.
	 */
	StorageCheck check(int openSegments, boolean writeProbe) {
		try {
			if (writeProbe) {
				probe();
			}
			else {
				reachable();
			}
		}
		catch (IOException | RuntimeException ex) {
			String reason = SegmentDirectory.isDiskFull(ex) ? "disk full: " + SegmentDirectory.describe(ex)
					: SegmentDirectory.describe(ex);
			return StorageCheck.down("directory " + this.directory.root() + " is not writable: " + reason)
				.withDetail("path", this.directory.root().toString())
				.withDetail("layout", "segments");
		}
		String failure = this.writeFailure;
		if (failure != null && failure.startsWith("disk full")) {
			return StorageCheck.down("directory " + this.directory.root() + ": the last write failed, " + failure)
				.withDetail("path", this.directory.root().toString())
				.withDetail("layout", "segments");
		}
		StorageCheck check = StorageCheck.ok()
			.withDetail("path", this.directory.root().toString())
			.withDetail("layout", "segments")
			.withDetail("openSegments", openSegments);
		try {
			check = check.withDetail("freeSpace", Files.getFileStore(this.directory.root()).getUsableSpace());
		}
		catch (IOException ex) {
			// the probe worked: free space is only a detail
		}
		return check;
	}

	private void reachable() throws IOException {
		Path root = this.directory.root();
		if (!Files.isDirectory(root)) {
			throw new NoSuchFileException(root.toString());
		}
		if (this.readOnly) {
			return;
		}
		if (!Files.isWritable(root)) {
			throw new AccessDeniedException(root.toString());
		}
		clearDiskFullWhenRoom();
	}

	/**
	 * Writes, reads back and deletes a probe file as big as a block, so that a full disk shows
	 * even when a tiny file would still fit; clears a remembered write failure when it works.
	 */
	private void probe() throws IOException {
		if (this.readOnly) {
			if (!Files.isDirectory(this.directory.root())) {
				throw new NoSuchFileException(this.directory.root().toString());
			}
			return;
		}
		Path file = this.directory.root().resolve(".probe-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
		byte[] content = new byte[PROBE_SIZE];
		ThreadLocalRandom.current().nextBytes(content);
		try {
			Files.write(file, content, StandardOpenOption.CREATE_NEW);
			if (!Arrays.equals(Files.readAllBytes(file), content)) {
				throw new IOException("a file read back differs from what was written");
			}
		}
		finally {
			Files.deleteIfExists(file);
		}
		clearDiskFullWhenRoom();
	}

	private void clearDiskFullWhenRoom() throws IOException {
		String failure = this.writeFailure;
		// a block's worth of slack, as file systems allocate whole blocks to each file written
		if (failure != null && failure.startsWith("disk full")
				&& Files.getFileStore(this.directory.root()).getUsableSpace() >= this.neededAfterDiskFull + PROBE_SIZE) {
			// there is room again: the next batch will tell for sure
			this.writeFailure = null;
		}
	}

}
