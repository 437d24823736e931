package io.chronotrace.core.storage.segment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

import io.chronotrace.core.storage.TraceLayout;
import io.chronotrace.core.trace.TraceId;

/**
 * File names of the segment layout, and which layout a directory holds.
 * <pre>
 * {root}/.chronotrace-layout                        "segments 1": the layout and its format version
 * {root}/{yyyy-MM-dd}/{created}-{nonce}.seg         a sealed segment
 * {root}/{yyyy-MM-dd}/{created}-{nonce}.idx         its index
 * {root}/{yyyy-MM-dd}/{created}-{nonce}.open.seg    a segment still being written (.open.idx beside)
 * </pre>
 */
public final class SegmentFiles {

	/** The marker file naming the layout of a directory. */
	public static final String LAYOUT_MARKER = ".chronotrace-layout";

	/** The suffix of a sealed segment. */
	public static final String SEGMENT = ".seg";

	/** The suffix of a sealed index. */
	public static final String INDEX = ".idx";

	/** The suffix of a segment being written. */
	public static final String OPEN_SEGMENT = ".open.seg";

	/** The suffix of the index of a segment being written. */
	public static final String OPEN_INDEX = ".open.idx";

	static final String MARKER_CONTENT = "segments " + SegmentFormat.VERSION + "\n";

	private SegmentFiles() {
	}

	/**
	 * Whether a directory was written in the segment layout (it has the marker file).
	 * @param root the directory
	 * @return whether it holds segments
	 */
	public static boolean isSegmentLayout(Path root) {
		try {
			return new String(Files.readAllBytes(root.resolve(LAYOUT_MARKER)), StandardCharsets.UTF_8)
				.startsWith("segments");
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Finds a trace folder of the folder layout ({@code {day}/{traceId}/}) in a directory.
	 * @param root the directory
	 * @return one such folder, or empty when there is none
	 * @throws IOException when the directory cannot be read
	 */
	public static Optional<Path> findTraceFolder(Path root) throws IOException {
		try (DirectoryStream<Path> days = Files.newDirectoryStream(root)) {
			for (Path day : days) {
				if (TraceLayout.parseDay(day.getFileName().toString()).isEmpty() || !Files.isDirectory(day)) {
					continue;
				}
				try (DirectoryStream<Path> entries = Files.newDirectoryStream(day)) {
					for (Path entry : entries) {
						if (TraceId.isValid(entry.getFileName().toString()) && Files.isDirectory(entry)) {
							return Optional.of(entry);
						}
					}
				}
			}
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
		return Optional.empty();
	}

}
