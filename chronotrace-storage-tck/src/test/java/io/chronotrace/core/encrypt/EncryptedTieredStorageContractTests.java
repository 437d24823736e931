package io.chronotrace.core.encrypt;

import java.nio.file.Path;

import io.chronotrace.core.compress.Compression;
import io.chronotrace.core.storage.StoredBytes;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.TraceStorageContractTests;
import io.chronotrace.core.storage.local.LocalFileSystemTraceStorage;
import io.chronotrace.core.storage.memory.InMemoryTraceStorage;
import io.chronotrace.core.storage.tiered.TieredTraceStorage;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceSummary;
import org.junit.jupiter.api.io.TempDir;

/**
 * The storage contract holds for tiered storage (local hot, memory cold) under encryption, as
 * the starter wires it: the encryption wraps the tiered storage, so both tiers hold sealed
 * traces.
 */
class EncryptedTieredStorageContractTests extends TraceStorageContractTests {

	@TempDir
	Path hot;

	private InMemoryTraceStorage cold;

	@Override
	protected TraceStorage createStorage() {
		this.cold = new InMemoryTraceStorage(100_000);
		return new EncryptingTraceStorage(
				new TieredTraceStorage(new LocalFileSystemTraceStorage(this.hot, Compression.DEFAULT), this.cold),
				TestKeys.keys("k1", "k1"), false);
	}

	@Override
	protected StoredBytes storedBytes() {
		return new StoredBytes().files(this.hot).served(this.cold);
	}

	@Override
	protected TraceSummary listed(Trace trace) {
		return EncryptedSummaries.listed(trace);
	}

}
