package io.chronotrace.core.encrypt;

import java.nio.file.Path;

import io.chronotrace.core.compress.Compression;
import io.chronotrace.core.storage.StoredBytes;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.TraceStorageContractTests;
import io.chronotrace.core.storage.local.LocalFileSystemTraceStorage;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceSummary;
import org.junit.jupiter.api.io.TempDir;

/** The storage contract holds for local storage under encryption. */
class EncryptedLocalStorageContractTests extends TraceStorageContractTests {

	@TempDir
	Path root;

	@Override
	protected StoredBytes storedBytes() {
		return new StoredBytes().files(this.root);
	}

	@Override
	protected TraceSummary listed(Trace trace) {
		return EncryptedSummaries.listed(trace);
	}

	@Override
	protected TraceStorage createStorage() {
		return new EncryptingTraceStorage(new LocalFileSystemTraceStorage(this.root, Compression.DEFAULT),
				TestKeys.keys("k1", "k1"), false);
	}

}
