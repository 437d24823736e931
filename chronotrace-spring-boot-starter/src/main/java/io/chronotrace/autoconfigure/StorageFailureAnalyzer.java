package io.chronotrace.autoconfigure;

import io.chronotrace.core.storage.LayoutMismatchException;
import io.chronotrace.core.storage.TraceStorageException;
import io.chronotrace.core.storage.UnusableLocationException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains, by their type, the storage failures that stop start-up outside ChronoTrace's own
 * configuration (which names the property instead), such as those of a storage an application
 * builds itself: a directory that holds the other layout, or that cannot be used.
 */
class StorageFailureAnalyzer extends AbstractFailureAnalyzer<TraceStorageException> {

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, TraceStorageException cause) {
		if (cause instanceof LayoutMismatchException mismatch) {
			return new FailureAnalysis(mismatch.getMessage() + ".",
					"Open " + mismatch.getLocation() + " with the " + mismatch.getFound() + " layout (chronotrace.layout="
							+ mismatch.getFound() + "), or give the " + mismatch.getExpected()
							+ " layout a directory of its own.",
					cause);
		}
		if (cause instanceof UnusableLocationException unusable) {
			return new FailureAnalysis(unusable.getMessage() + ".",
					unusable.isInUse() ? "Give each application instance a directory of its own."
							: "Point the storage at a directory this application can create and write to.",
					cause);
		}
		return null;
	}

}
