package io.chronotrace.core.encrypt;

import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.TraceStorageContractTests;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceSummary;
import io.chronotrace.core.storage.memory.InMemoryTraceStorage;

/** The storage contract holds for memory storage under encryption. */
class EncryptedInMemoryStorageContractTests extends TraceStorageContractTests {

	@Override
	protected TraceSummary listed(Trace trace) {
		return EncryptedSummaries.listed(trace);
	}

	@Override
	protected TraceStorage createStorage() {
		return new EncryptingTraceStorage(new InMemoryTraceStorage(100_000), TestKeys.keys("k1", "k1"), false);
	}

}
