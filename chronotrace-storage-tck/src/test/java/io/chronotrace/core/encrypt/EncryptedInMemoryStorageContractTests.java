package io.chronotrace.core.encrypt;

import io.chronotrace.core.storage.StoredBytes;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.TraceStorageContractTests;
import io.chronotrace.core.storage.memory.InMemoryTraceStorage;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceSummary;

/** The storage contract holds for memory storage under encryption. */
class EncryptedInMemoryStorageContractTests extends TraceStorageContractTests {

	private InMemoryTraceStorage inner;

	@Override
	protected StoredBytes storedBytes() {
		return new StoredBytes().served(this.inner);
	}

	@Override
	protected TraceSummary listed(Trace trace) {
		return EncryptedSummaries.listed(trace);
	}

	@Override
	protected TraceStorage createStorage() {
		this.inner = new InMemoryTraceStorage(100_000);
		return new EncryptingTraceStorage(this.inner, TestKeys.keys("k1", "k1"), false);
	}

}
