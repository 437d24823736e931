package io.chronotrace.core.storage.memory;

import io.chronotrace.core.storage.StoredBytes;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.TraceStorageContractTests;
import io.chronotrace.core.trace.TestTraces;
import io.chronotrace.core.trace.Trace;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-memory backend passes the storage contract, and keeps only the newest traces.
 */
class InMemoryTraceStorageTests extends TraceStorageContractTests {

	@Override
	protected TraceStorage createStorage() {
		return new InMemoryTraceStorage(10_000);
	}

	@Override
	protected StoredBytes storedBytes() {
		return new StoredBytes().served(this.storage);
	}

	@Test
	void storingBeyondCapacityEvictsTheOldestStored() {
		InMemoryTraceStorage small = new InMemoryTraceStorage(2);
		Trace first = TestTraces.trace(DAY.plusSeconds(1));
		Trace second = TestTraces.trace(DAY.plusSeconds(2));
		Trace third = TestTraces.trace(DAY.plusSeconds(3));

		small.store(first);
		small.store(second);
		small.store(third);

		assertThat(small.retrieve(first.id())).isEmpty();
		assertThat(small.retrieve(second.id())).contains(second);
		assertThat(small.retrieve(third.id())).contains(third);
		assertThat(small.check().details()).containsEntry("traces", 2).containsEntry("capacity", 2);
	}

}
