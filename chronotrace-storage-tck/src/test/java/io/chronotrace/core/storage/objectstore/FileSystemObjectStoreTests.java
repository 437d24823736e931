package io.chronotrace.core.storage.objectstore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import io.chronotrace.core.storage.objectstore.ObjectStore.Write;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The file system store passes the store contract, publishes a new folder whole, and deletes the
 * work entries a killed process leaves once they are stale.
 */
class FileSystemObjectStoreTests extends ObjectStoreContractTests {

	@TempDir
	Path root;

	@Override
	protected ObjectStore createStore() {
		return new FileSystemObjectStore(this.root.resolve("store"));
	}

	@Test
	void aNewFolderAppearsWholeWithOneRenameAndLeavesNoWorkEntry() throws IOException {
		this.store.putAll(List.of(Write.of("2025-03-10/t/trace.json", new byte[] { 1 }),
				Write.of("2025-03-10/t/metadata.json", new byte[] { 2 })));

		try (Stream<Path> entries = Files.list(this.root.resolve("store"))) {
			assertThat(entries.map((entry) -> entry.getFileName().toString())).containsExactly("2025-03-10");
		}
	}

	@Test
	void staleWorkEntriesAreDeletedAndFreshOnesKept() throws IOException {
		FileSystemObjectStore store = (FileSystemObjectStore) this.store;
		Path stale = Files.createDirectories(store.root().resolve(".tmp-trace-1"));
		Path fresh = Files.createDirectories(store.root().resolve(".tmp-trace-2"));
		Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(FileSystemObjectStore.STALE_AFTER.multipliedBy(2))));

		store.deleteStaleWork();

		assertThat(stale).doesNotExist();
		assertThat(fresh).exists();
	}

}
