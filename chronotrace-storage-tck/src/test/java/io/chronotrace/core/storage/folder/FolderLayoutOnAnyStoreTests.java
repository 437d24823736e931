package io.chronotrace.core.storage.folder;

import io.chronotrace.core.compress.Compression;
import io.chronotrace.core.storage.StoredBytes;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.TraceStorageContractTests;
import io.chronotrace.core.storage.objectstore.InMemoryObjectStore;

/**
 * The folder layout is written once, over the object store interface: over a store that is
 * neither a disk nor a bucket (the in-memory one, as a GCS or Azure store would be), it passes
 * the storage contract as it does on local disk and S3.
 */
class FolderLayoutOnAnyStoreTests extends TraceStorageContractTests {

	private InMemoryObjectStore objects;

	@Override
	protected TraceStorage createStorage() {
		this.objects = new InMemoryObjectStore();
		return new FolderTraceStorage(this.objects, Compression.DEFAULT);
	}

	@Override
	protected StoredBytes storedBytes() {
		return new StoredBytes().objects(this.objects);
	}

}
