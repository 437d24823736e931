package io.chronotrace.core.storage.segment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import io.chronotrace.core.trace.TraceId;

/**
 * What tests do to segment files as a disk or someone with write access would, through the
 * format's own classes.
 */
public final class SegmentBytes {

	private SegmentBytes() {
	}

	/**
	 * Changes one byte in the middle of an attachment's stored content.
	 * @param index the bytes of an index file (or uploaded block index)
	 * @param segment the bytes of its segment, changed in place
	 * @param id the trace
	 * @param name the attachment
	 * @return whether the index locates that attachment in the segment
	 */
	public static boolean flipAttachmentByte(byte[] index, byte[] segment, TraceId id, String name) {
		if (index.length < SegmentFormat.HEADER_SIZE) {
			return false;
		}
		List<IndexEntry> entries = new ArrayList<>();
		IndexCodec.read(index, SegmentFormat.HEADER_SIZE, entries::add);
		UUID uuid = id.uuid();
		for (IndexEntry entry : entries) {
			if (entry.kind() == IndexEntry.ATTACHMENT && entry.idMsb() == uuid.getMostSignificantBits()
					&& entry.idLsb() == uuid.getLeastSignificantBits() && entry.path().equals(name)) {
				SegmentFormat.RecordLocation location = entry.location();
				long at = location.frameOffset() + SegmentFormat.FRAME_PREFIX + location.recordOffset()
						+ location.recordLength() / 2;
				segment[(int) at] ^= 0x5a;
				return true;
			}
		}
		return false;
	}

	/**
	 * Changes one byte in the middle of an attachment's stored content in the segments of a
	 * directory, open or sealed.
	 * @param root the storage's directory
	 * @param id the trace
	 * @param name the attachment
	 * @return whether a segment held the attachment
	 * @throws IOException when the files cannot be read or written
	 */
	public static boolean flipAttachmentByte(Path root, TraceId id, String name) throws IOException {
		List<Path> indexes;
		try (Stream<Path> files = Files.walk(root)) {
			indexes = files.filter((file) -> file.toString().endsWith(SegmentFiles.INDEX)).toList();
		}
		for (Path index : indexes) {
			String file = index.getFileName().toString();
			boolean open = file.endsWith(SegmentFiles.OPEN_INDEX);
			String base = file.substring(0, file.length() - (open ? SegmentFiles.OPEN_INDEX : SegmentFiles.INDEX).length());
			Path segment = index.resolveSibling(base + (open ? SegmentFiles.OPEN_SEGMENT : SegmentFiles.SEGMENT));
			byte[] bytes = Files.readAllBytes(segment);
			if (flipAttachmentByte(Files.readAllBytes(index), bytes, id, name)) {
				Files.write(segment, bytes);
				return true;
			}
		}
		return false;
	}

	/**
	 * What a process killed now would leave: a copy of the directory's files as they are on
	 * disk, open segments unsealed (a writer's data is in the operating system once its write
	 * returns), to be opened by a new storage while the first one still holds the original.
	 * @param root the storage's directory
	 * @return the copy, a sibling of the directory
	 * @throws IOException when it cannot be copied
	 */
	public static Path killedCopy(Path root) throws IOException {
		Path copy = root.resolveSibling(root.getFileName() + "-killed-" + System.nanoTime());
		try (java.util.stream.Stream<Path> files = Files.walk(root)) {
			for (Path file : (Iterable<Path>) files::iterator) {
				Path target = copy.resolve(root.relativize(file).toString());
				if (Files.isDirectory(file)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(file, target);
				}
			}
		}
		return copy;
	}

}
