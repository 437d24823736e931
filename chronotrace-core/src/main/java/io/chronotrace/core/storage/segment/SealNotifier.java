package io.chronotrace.core.storage.segment;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Tells the {@link SealedSegmentListener} about sealed segments, warning (once) when it fails.
 */
final class SealNotifier {

	private final SegmentDirectory directory;

	private final SealedSegmentListener sealListener;

	SealNotifier(SegmentDirectory directory, SealedSegmentListener sealListener) {
		this.directory = directory;
		this.sealListener = sealListener;
	}

	void sealed(LocalDate day, Path folder, String base) {
		try {
			this.sealListener.sealed(day, folder.resolve(base + SegmentFiles.SEGMENT),
					folder.resolve(base + SegmentFiles.INDEX));
		}
		catch (RuntimeException ex) {
			this.directory.warnOnce("listener-" + base, "The listener of sealed segments of local trace storage "
					+ this.directory.root() + " failed for " + base + ": " + ex);
		}
	}

}
