package io.chronotrace.core.storage.objectstore;

/**
 * The in-memory store, the example of a store of one's own, passes the store contract.
 */
class InMemoryObjectStoreTests extends ObjectStoreContractTests {

	@Override
	protected ObjectStore createStore() {
		return new InMemoryObjectStore();
	}

}
