package io.chronotrace.core.encrypt;

import java.nio.file.Path;

import io.chronotrace.core.storage.StoredBytes;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.TraceStorageContractTests;
import io.chronotrace.core.storage.segment.SegmentSettings;
import io.chronotrace.core.storage.segment.SegmentTraceStorage;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceSummary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The storage contract holds for local storage in the segment layout under encryption. */
class EncryptedSegmentStorageContractTests extends TraceStorageContractTests {

	@TempDir
	Path root;

	private SegmentTraceStorage segments;

	@Override
	protected TraceStorage createStorage() {
		this.segments = SegmentTraceStorage.open(this.root, SegmentSettings.DEFAULT);
		return new EncryptingTraceStorage(this.segments, TestKeys.keys("k1", "k1"), false);
	}

	@AfterEach
	void closeSegments() {
		this.segments.close();
	}


	@Override
	protected StoredBytes storedBytes() {
		return new StoredBytes().files(this.root);
	}

	@Override
	protected TraceSummary listed(Trace trace) {
		return EncryptedSummaries.listed(trace);
	}

}
