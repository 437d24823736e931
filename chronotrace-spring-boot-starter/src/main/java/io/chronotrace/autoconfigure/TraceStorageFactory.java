package io.chronotrace.autoconfigure;

import io.chronotrace.core.storage.TraceStorage;

/**
 * Creates the storage of one backend. Each backend's auto-configuration contributes one when
 * the backend is in use, either as {@code chronotrace.storage} or as a tier of
 * {@code storage: tiered}, so that both get a storage wired the same way.
 */
public interface TraceStorageFactory {

	/**
	 * The backend this factory creates.
	 * @return the value of {@code chronotrace.storage} that names it
	 */
	ChronoTraceProperties.StorageType type();

	/**
	 * Creates a storage, ready to use. Storages that hold resources are {@link AutoCloseable};
	 * the caller closes them.
	 * @return the storage
	 */
	TraceStorage create();

}
