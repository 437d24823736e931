package io.chronotrace.core.storage.segment;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.chronotrace.core.storage.TraceLayout;

/**
 * Recovery at open: seals what a killed process left open and clears its leftovers.
 */
final class SegmentRecovery {

	private final SegmentDirectory directory;

	private long highestVersion;

	SegmentRecovery(SegmentDirectory directory) {
		this.directory = directory;
	}

	/**
	 * Recovers the segments a killed process left open: cuts a torn tail (one warning per
	 * segment), indexes frames the index lacks, forces both files to disk and seals them.
	 * @return the highest version of the recovered entries, for the next versions to exceed
	 */
	long recover() throws IOException {
		for (LocalDate day : this.directory.days()) {
			Path folder = this.directory.dayFolder(day);
			List<Path> open = new ArrayList<>();
			try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*" + SegmentFiles.OPEN_SEGMENT)) {
				files.forEach(open::add);
			}
			for (Path segmentFile : open) {
				String name = segmentFile.getFileName().toString();
				recoverSegment(folder, name.substring(0, name.length() - SegmentFiles.OPEN_SEGMENT.length()));
			}
		}
		try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(this.directory.root(), ".{purge,probe}-*")) {
			for (Path leftover : leftovers) {
				if (Files.isDirectory(leftover)) {
					this.directory.deleteQuietly(leftover);
				}
				else {
					Files.deleteIfExists(leftover);
				}
			}
		}
		return this.highestVersion;
	}

	private void recoverSegment(Path folder, String base) throws IOException {
		Path segmentFile = folder.resolve(base + SegmentFiles.OPEN_SEGMENT);
		Path indexFile = folder.resolve(base + SegmentFiles.OPEN_INDEX);
		List<IndexEntry> indexed = new ArrayList<>();
		long covered;
		int indexEnd;
		byte[] indexBytes = Files.exists(indexFile) ? Files.readAllBytes(indexFile) : new byte[0];
		boolean indexUsable = indexBytes.length >= SegmentFormat.HEADER_SIZE;
		if (indexUsable) {
			try {
				SegmentFormat.checkHeader(indexBytes, SegmentFormat.INDEX_MAGIC);
			}
			catch (IOException ex) {
				indexUsable = false;
			}
		}
		if (indexUsable) {
			long[] end = { SegmentFormat.HEADER_SIZE };
			indexEnd = IndexCodec.read(indexBytes, SegmentFormat.HEADER_SIZE, (entry) -> {
				indexed.add(entry);
				end[0] = Math.max(end[0], entry.location().frameOffset() + entry.location().frameLength());
			});
			covered = end[0];
		}
		else {
			indexEnd = 0;
			covered = SegmentFormat.HEADER_SIZE;
		}
		List<IndexEntry> missing = new ArrayList<>();
		try (FileChannel segment = FileChannel.open(segmentFile, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
			long size = segment.size();
			if (size < SegmentFormat.HEADER_SIZE) {
				segment.close();
				Files.deleteIfExists(segmentFile);
				Files.deleteIfExists(indexFile);
				return;
			}
			long validEnd = SegmentScanner.scan(segment, Math.min(covered, size), missing::add);
			if (covered > size) {
				// the index points past the segment's end (possible only after a power loss):
				// rebuild it from the segment alone
				indexed.clear();
				missing.clear();
				indexUsable = false;
				validEnd = SegmentScanner.scan(segment, SegmentFormat.HEADER_SIZE, missing::add);
			}
			if (validEnd < size) {
				this.directory.warnOnce(segmentFile.toString(), "Skipping the torn end of " + segmentFile
						+ " in local trace storage (" + (size - validEnd) + " bytes from offset " + validEnd
						+ ", written when the process stopped); cutting it off");
				segment.truncate(validEnd);
			}
			segment.force(true);
		}
		try (FileChannel index = FileChannel.open(indexFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
				StandardOpenOption.WRITE)) {
			long at;
			if (indexUsable) {
				index.truncate(indexEnd);
				at = indexEnd;
			}
			else {
				index.truncate(0);
				OpenSegment.writeFully(index, SegmentFormat.header(SegmentFormat.INDEX_MAGIC, System.currentTimeMillis()), 0);
				at = SegmentFormat.HEADER_SIZE;
			}
			if (!missing.isEmpty()) {
				OpenSegment.writeFully(index, IndexCodec.frame(missing), at);
			}
			index.force(true);
		}
		Files.move(indexFile, folder.resolve(base + SegmentFiles.INDEX), StandardCopyOption.ATOMIC_MOVE);
		Files.move(segmentFile, folder.resolve(base + SegmentFiles.SEGMENT), StandardCopyOption.ATOMIC_MOVE);
		TraceLayout.parseDay(folder.getFileName().toString())
			.ifPresent((day) -> this.directory.sealed(day, folder, base));
		for (IndexEntry entry : indexed) {
			this.highestVersion = Math.max(this.highestVersion, entry.version());
		}
		for (IndexEntry entry : missing) {
			this.highestVersion = Math.max(this.highestVersion, entry.version());
		}
	}

}
