package io.chronotrace.core.storage.objectstore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.chronotrace.core.storage.objectstore.ObjectStore.ObjectInfo;
import io.chronotrace.core.storage.objectstore.ObjectStore.Write;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * The behaviour every {@link ObjectStore} must have for the storage layouts to work over it,
 * proved through the interface alone. A store of one's own (GCS, Azure Blob Storage) extends
 * this class and implements {@link #createStore()}; with it passing, both layouts run on the
 * store, and {@code TraceStorageContractTests} can prove them there too.
 */
public abstract class ObjectStoreContractTests {

	/** Where tests write the files they put. */
	@TempDir
	protected Path files;

	/** The store under test, new and empty for each test. */
	protected ObjectStore store;

	/**
	 * Creates the store under test: a new, empty one for each test.
	 * @return the store
	 */
	protected abstract ObjectStore createStore();

	@BeforeEach
	void createStoreUnderTest() {
		this.store = createStore();
	}

	@Test
	void anObjectPutIsReadBackAndReplacedWhole() throws IOException {
		this.store.put("2025-03-10/a/metadata.json", bytes("first"));

		assertThat(read("2025-03-10/a/metadata.json")).contains("first");
		this.store.put("2025-03-10/a/metadata.json", bytes("second, longer"));
		assertThat(read("2025-03-10/a/metadata.json")).contains("second, longer");
		assertThat(this.store.exists("2025-03-10/a/metadata.json")).isTrue();
	}

	@Test
	void aMissingObjectIsEmptyNotAnError() throws IOException {
		assertThat(this.store.get("2025-03-10/none/trace.json")).isEmpty();
		assertThat(this.store.getRange("2025-03-10/none/trace.json", 0, 10)).isEmpty();
		assertThat(this.store.readRange("2025-03-10/none/trace.json", 0, 10)).isEmpty();
		assertThat(this.store.exists("2025-03-10/none/trace.json")).isFalse();
		assertThat(this.store.delete("2025-03-10/none/trace.json")).isFalse();
		assertThat(this.store.children("2025-03-10/")).isEmpty();
		assertThat(this.store.list("2025-03-10/")).isEmpty();
	}

	@Test
	void contentStreamedIntoAnObjectIsCountedAndReadBack() throws IOException {
		byte[] large = new byte[3 * 1024 * 1024 + 17];
		new Random(7).nextBytes(large);

		long written = this.store.put("day/id/response-body", (out) -> {
			for (int offset = 0; offset < large.length; offset += 4096) {
				out.write(large, offset, Math.min(4096, large.length - offset));
			}
		});

		assertThat(written).isEqualTo(large.length);
		try (InputStream in = this.store.get("day/id/response-body").orElseThrow()) {
			assertThat(in.readAllBytes()).isEqualTo(large);
		}
	}

	@Test
	void aFilePutIsReadBackByteForByte() throws IOException {
		byte[] content = new byte[200_000];
		new Random(11).nextBytes(content);
		Path file = Files.write(this.files.resolve("segment"), content);

		assertThat(this.store.put("2025-03-10/0001-a.seg", file)).isEqualTo(content.length);

		assertThat(this.store.readRange("2025-03-10/0001-a.seg", 0, content.length)).hasValue(content);
		assertThat(file).exists();
	}

	@Test
	void objectsPutTogetherAreAllThereInOrder() throws IOException {
		long bytes = this.store.putAll(List.of(Write.of("2025-03-10/t/body.gz", (out) -> out.write(bytes("body"))),
				Write.of("2025-03-10/t/trace.json", bytes("trace")), Write.of("2025-03-10/t/metadata.json", bytes("meta"))));

		assertThat(bytes).isEqualTo(13);
		assertThat(read("2025-03-10/t/body.gz")).contains("body");
		assertThat(read("2025-03-10/t/trace.json")).contains("trace");
		assertThat(read("2025-03-10/t/metadata.json")).contains("meta");
		// again, into the folder that exists now
		this.store.putAll(List.of(Write.of("2025-03-10/t/trace.json", bytes("trace 2")),
				Write.of("2025-03-10/t/metadata.json", bytes("meta 2"))));
		assertThat(read("2025-03-10/t/trace.json")).contains("trace 2");
		assertThat(read("2025-03-10/t/metadata.json")).contains("meta 2");
	}

	@Test
	void putIfAbsentCreatesOnceAndKeepsTheFirst() throws IOException {
		assertThat(this.store.putIfAbsent("marker", bytes("first"))).isTrue();
		assertThat(this.store.putIfAbsent("marker", bytes("second"))).isFalse();

		assertThat(read("marker")).contains("first");
	}

	@Test
	void ofWritersRacingToCreateAnObjectOneWins() throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(4);
		try {
			List<Callable<Boolean>> racers = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				byte[] content = bytes("writer " + i);
				racers.add(() -> this.store.putIfAbsent("2025-03-10/lock", content));
			}
			long winners = 0;
			for (Future<Boolean> result : executor.invokeAll(racers)) {
				winners += result.get() ? 1 : 0;
			}
			assertThat(winners).isOne();
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void aRangeIsReadWithoutTheRestAndARangePastTheEndIsAnError() throws IOException {
		this.store.put("2025-03-10/block.seg", bytes("0123456789"));

		assertThat(this.store.readRange("2025-03-10/block.seg", 3, 4)).hasValue(bytes("3456"));
		try (InputStream in = this.store.getRange("2025-03-10/block.seg", 8, 2).orElseThrow()) {
			assertThat(in.readAllBytes()).isEqualTo(bytes("89"));
		}
		assertThatIOException().isThrownBy(() -> this.store.readRange("2025-03-10/block.seg", 8, 5));
	}

	@Test
	void childrenAreTheObjectsAndFoldersDirectlyUnderAFolderSorted() {
		this.store.put("2025-03-11/b/metadata.json", bytes("x"));
		this.store.put("2025-03-10/a/metadata.json", bytes("x"));
		this.store.put("2025-03-10/a/trace.json", bytes("x"));
		this.store.put("2025-03-10/notes.txt", bytes("x"));
		this.store.put("README", bytes("x"));

		assertThat(this.store.children("")).containsExactly("2025-03-10/", "2025-03-11/", "README");
		assertThat(this.store.children("2025-03-10/")).containsExactly("a/", "notes.txt");
		assertThat(this.store.children("2025-03-10/a/")).containsExactly("metadata.json", "trace.json");
	}

	@Test
	void listIsEveryObjectUnderAPrefixWithItsSize() {
		this.store.put("2025-03-10/a/metadata.json", bytes("12"));
		this.store.put("2025-03-10/b/trace.json", bytes("12345"));
		this.store.put("2025-03-11/c/trace.json", bytes("1"));

		assertThat(this.store.list("2025-03-10/")).containsExactly(new ObjectInfo("2025-03-10/a/metadata.json", 2),
				new ObjectInfo("2025-03-10/b/trace.json", 5));
		assertThat(this.store.list("")).hasSize(3);
	}

	@Test
	void hiddenKeysAreNeverListed() {
		this.store.put(".chronotrace-layout", bytes("segments 1"));
		this.store.put("2025-03-10/.work", bytes("x"));
		this.store.put("2025-03-10/a", bytes("x"));

		assertThat(this.store.children("")).containsExactly("2025-03-10/");
		assertThat(this.store.children("2025-03-10/")).containsExactly("a");
		assertThat(this.store.list("")).extracting(ObjectInfo::key).containsExactly("2025-03-10/a");
		assertThat(this.store.exists(".chronotrace-layout")).isTrue();
	}

	@Test
	void deleteAllDeletesAFolderAndSaysWhichKeysWent() {
		this.store.put("2025-03-09/a/metadata.json", bytes("x"));
		this.store.put("2025-03-09/a/trace.json", bytes("x"));
		this.store.put("2025-03-09/b/metadata.json", bytes("x"));
		this.store.put("2025-03-10/c/metadata.json", bytes("x"));
		List<String> deleted = new ArrayList<>();

		List<String> failures = this.store.deleteAll("2025-03-09/", deleted::add);

		assertThat(failures).isEmpty();
		assertThat(deleted).containsExactlyInAnyOrder("2025-03-09/a/metadata.json", "2025-03-09/a/trace.json",
				"2025-03-09/b/metadata.json");
		assertThat(this.store.list("")).extracting(ObjectInfo::key).containsExactly("2025-03-10/c/metadata.json");
		assertThat(this.store.deleteAll("2025-03-09/", deleted::add)).isEmpty();
	}

	@Test
	void deleteSaysWhetherThereWasAnObject() {
		this.store.put("2025-03-10/a/trace.json", bytes("x"));

		assertThat(this.store.delete("2025-03-10/a/trace.json")).isTrue();
		assertThat(this.store.delete("2025-03-10/a/trace.json")).isFalse();
		assertThat(this.store.exists("2025-03-10/a/trace.json")).isFalse();
	}

	@Test
	void checkIsUpAndTheWriteProbeLeavesNothingBehind() throws IOException {
		this.store.put("2025-03-10/a/trace.json", bytes("x"));

		assertThat(this.store.check().up()).as(this.store.check().reason()).isTrue();
		this.store.writeProbe();
		assertThat(this.store.list("")).extracting(ObjectInfo::key).containsExactly("2025-03-10/a/trace.json");
		assertThat(this.store.description().type()).isNotBlank();
		assertThat(this.store.locate("2025-03-10/a/trace.json")).endsWith("2025-03-10/a/trace.json");
	}

	private String read(String key) throws IOException {
		Optional<InputStream> content = this.store.get(key);
		assertThat(content).as(key).isPresent();
		try (InputStream in = content.get()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
