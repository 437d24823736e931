package io.chronotrace.core.storage.segment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.chronotrace.core.storage.StoredBytes;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.TraceStorageContractTests;
import io.chronotrace.core.trace.TraceId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The segment layout passes the storage contract.
 */
class SegmentTraceStorageTests extends TraceStorageContractTests {

	@TempDir
	Path temp;

	final List<String> warnings = new CopyOnWriteArrayList<>();

	@Override
	protected TraceStorage createStorage() {
		return SegmentTraceStorage.open(this.temp.resolve("chronotrace"), SegmentSettings.DEFAULT, this.warnings::add);
	}

	@Override
	protected boolean corruptStoredAttachment(TraceId id, String name) throws IOException {
		return SegmentBytes.flipAttachmentByte(this.temp.resolve("chronotrace"), id, name);
	}

	@Override
	protected StoredBytes storedBytes() {
		return new StoredBytes().files(this.temp.resolve("chronotrace"));
	}


	@AfterEach
	void closeStorage() {
		((SegmentTraceStorage) this.storage).close();
	}

}
