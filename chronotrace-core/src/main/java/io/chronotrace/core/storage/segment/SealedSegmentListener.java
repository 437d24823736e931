package io.chronotrace.core.storage.segment;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Told when a segment is sealed: its two files never change again and can be copied or uploaded
 * as they are (the index first, then the segment, or both then a small marker object). Called
 * on the thread that sealed it (a writer, the maintenance thread, or start-up recovery): hand
 * the work to another thread.
 */
@FunctionalInterface
public interface SealedSegmentListener {

	/** Does nothing. */
	SealedSegmentListener NONE = (day, segment, index) -> {
	};

	/**
	 * A segment was sealed.
	 * @param day the UTC day of its traces
	 * @param segment the sealed segment file ({@code .seg})
	 * @param index its index ({@code .idx})
	 */
	void sealed(LocalDate day, Path segment, Path index);

}
