package io.chronotrace.core.storage.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import io.chronotrace.core.compress.Compression;
import io.chronotrace.core.storage.PurgeResult;
import io.chronotrace.core.storage.StorageCheck;
import io.chronotrace.core.storage.StorageDescription;
import io.chronotrace.core.storage.StoredBytes;
import io.chronotrace.core.storage.TraceLayout;
import io.chronotrace.core.storage.TracePage;
import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.TraceStorageContractTests;
import io.chronotrace.core.storage.TraceStorageException;
import io.chronotrace.core.trace.InvalidTraceIdException;
import io.chronotrace.core.trace.TestTraces;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceAttachment;
import io.chronotrace.core.trace.TraceCodec;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.trace.TraceSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The local backend passes the storage contract, lays traces out as the storage guide says,
 * writes them atomically and survives corrupt, foreign and malicious input.
 */
class LocalFileSystemTraceStorageTests extends TraceStorageContractTests {

	@TempDir
	Path temp;

	final List<String> warnings = new CopyOnWriteArrayList<>();

	@Override
	protected TraceStorage createStorage() {
		return local(Compression.DEFAULT);
	}

	private LocalFileSystemTraceStorage local(Compression compression) {
		return new LocalFileSystemTraceStorage(root(), compression, this.warnings::add);
	}

	@Override
	protected StoredBytes storedBytes() {
		return new StoredBytes().files(root());
	}

	private Path root() {
		return this.temp.resolve("chronotrace");
	}

	@Override
	protected boolean corruptStoredAttachment(TraceId id, String name) throws IOException {
		Path file = root().resolve(TraceLayout.dayFolder(id.timestamp().orElseThrow()))
			.resolve(id.toString())
			.resolve(TraceLayout.attachmentFile(name, true));
		Files.write(file, flipMiddle(Files.readAllBytes(file)));
		return true;
	}

	/** Changes the byte in the middle of some stored bytes. */
	private static byte[] flipMiddle(byte[] bytes) {
		bytes[bytes.length / 2] ^= 0x5a;
		return bytes;
	}

	private Path traceFolder(Trace trace) {
		return root().resolve(TraceLayout.dayFolder(trace.startTime())).resolve(trace.id().toString());
	}

	@Test
	void compressedTraceIsLaidOutAsTheStorageGuideSays() throws IOException {
		Trace trace = TestTraces.full(Instant.parse("2025-03-09T23:59:59.999Z"), this.attachmentDir);

		long bytes = this.storage.store(trace);

		Path folder = root().resolve("2025-03-09").resolve(trace.id().toString());
		assertThat(filesUnder(root())).containsExactlyInAnyOrder(folder.resolve("trace.json.gz"),
				folder.resolve("metadata.json"), folder.resolve("request-body.gz"));
		assertThat(Files.readAllBytes(folder.resolve("trace.json.gz"))).startsWith(0x1f, 0x8b);
		assertThat(TraceCodec.get().readSummary(Files.readAllBytes(folder.resolve("metadata.json"))))
			.isEqualTo(trace.summary());
		assertThat(bytes).isEqualTo(filesUnder(root()).stream().mapToLong(LocalFileSystemTraceStorageTests::size).sum());
	}

	@Test
	void uncompressedTraceIsPlainJsonAndPlainAttachments() throws IOException {
		LocalFileSystemTraceStorage plain = local(Compression.NONE);
		Trace trace = TestTraces.full(DAY.plusSeconds(1), this.attachmentDir);

		plain.store(trace);

		Path folder = traceFolder(trace);
		assertThat(filesUnder(root())).containsExactlyInAnyOrder(folder.resolve("trace.json"),
				folder.resolve("metadata.json"), folder.resolve("request-body"));
		assertThat(TraceCodec.get().readTrace(Files.readAllBytes(folder.resolve("trace.json"))))
			.isEqualTo(trace.withoutAttachments());
		assertThat(folder.resolve("request-body")).hasSameBinaryContentAs(trace.attachments().get(0).file());
	}

	@Test
	void tracesWrittenWithEitherCompressionStayReadableWhenTheSettingChanges() throws IOException {
		Trace compressed = TestTraces.full(DAY.plusSeconds(1), this.attachmentDir);
		Trace plain = TestTraces.full(DAY.plusSeconds(2), this.attachmentDir);
		local(Compression.DEFAULT).store(compressed);
		local(Compression.NONE).store(plain);

		for (LocalFileSystemTraceStorage reader : List.of(local(Compression.DEFAULT), local(Compression.NONE))) {
			for (Trace trace : List.of(compressed, plain)) {
				assertThat(reader.retrieve(trace.id())).contains(trace.withoutAttachments());
				try (InputStream in = reader.openAttachment(trace.id(), "request-body").orElseThrow()) {
					assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(trace.attachments().get(0).file()));
				}
			}
		}
	}

	@Test
	void gzipLevelIsRespected() throws IOException {
		StringBuilder text = new StringBuilder();
		Random random = new Random(7);
		String[] words = { "order", "customer", "payment", "invoice", "shipped", "pending", "refund", "cart", "sku" };
		while (text.length() < 512 * 1024) {
			text.append(words[random.nextInt(words.length)]).append(random.nextInt(1000)).append(' ');
		}
		byte[] content = text.toString().getBytes(StandardCharsets.UTF_8);
		Map<Integer, Long> sizes = new ConcurrentHashMap<>();
		for (int level : List.of(1, 9)) {
			TraceAttachment attachment = TestTraces.attachment(this.attachmentDir, "response-body", content);
			Trace trace = TestTraces.withResponseAttachment(TestTraces.trace(DAY.plusSeconds(level)), attachment);
			local(new Compression(true, level, 1024)).store(trace);
			sizes.put(level, Files.size(traceFolder(trace).resolve("response-body.gz")));
		}

		assertThat(sizes.get(1)).isGreaterThan(sizes.get(9));
		assertThat(sizes.get(9)).isLessThan(content.length / 2);
	}

	@Test
	void attachmentOfTwentyMegabytesIsStreamedAndReadBackByteIdentical() throws Exception {
		long size = 20L * 1024 * 1024;
		TraceAttachment attachment = TestTraces.largeAttachment(this.attachmentDir, "response-body", size, 42);
		Trace trace = TestTraces.withResponseAttachment(TestTraces.trace(DAY.plusSeconds(1)), attachment);

		this.storage.store(trace);

		try (InputStream in = this.storage.openAttachment(trace.id(), "response-body").orElseThrow()) {
			assertThat(sha256(in)).isEqualTo(sha256(Files.newInputStream(attachment.file())));
		}
		assertThat(this.storage.retrieve(trace.id())).contains(trace.withoutAttachments());
	}

	@Test
	void leftoversOfAKilledWriterAreIgnoredAndDeletedOnceStale() throws IOException {
		Trace stored = TestTraces.trace(DAY.plusSeconds(1));
		this.storage.store(stored);
		Trace interrupted = TestTraces.trace(DAY.plusSeconds(2));
		Path staleWork = halfWritten(root().resolve(".tmp-" + interrupted.id() + "-1"), interrupted);
		Path freshWork = halfWritten(root().resolve(".tmp-" + interrupted.id() + "-2"), interrupted);
		Path hiddenInDay = halfWritten(traceFolder(stored).resolveSibling(".tmp-" + interrupted.id()), interrupted);
		Files.setLastModifiedTime(staleWork, FileTime.from(Instant.now().minus(Duration.ofHours(1))));

		assertThat(this.storage.list(TraceQuery.newest()).items()).containsExactly(stored.summary());
		assertThat(this.storage.retrieve(stored.id())).contains(stored);
		assertThat(this.storage.retrieve(interrupted.id())).isEmpty();

		local(Compression.DEFAULT);
		assertThat(staleWork).doesNotExist();
		assertThat(freshWork).exists();
		assertThat(hiddenInDay).exists();
		assertThat(this.warnings).isEmpty();
	}

	private static Path halfWritten(Path work, Trace trace) throws IOException {
		Files.createDirectories(work);
		byte[] json = TraceCodec.get().toBytes(trace);
		Files.write(work.resolve("trace.json"), Arrays.copyOf(json, json.length / 2));
		return work;
	}

	@Test
	void concurrentReadersNeverSeeAPartialTraceWhileWritersStoreAndReplace() throws Exception {
		Map<TraceId, Trace> expected = new ConcurrentHashMap<>();
		Trace replacedV1 = TestTraces.full(DAY.plusSeconds(1), this.attachmentDir);
		Trace replacedV2 = TestTraces.builder(replacedV1.startTime()).id(replacedV1.id()).status(503).build();
		ExecutorService executor = Executors.newFixedThreadPool(3);
		try {
			List<Future<?>> writers = new ArrayList<>();
			for (int writer = 0; writer < 2; writer++) {
				int offset = writer;
				writers.add(executor.submit(() -> {
					for (int i = 0; i < 80; i++) {
						Trace trace = TestTraces.trace(DAY.plusSeconds(10 + i * 2L + offset));
						expected.put(trace.id(), trace);
						this.storage.store(trace);
					}
				}));
			}
			writers.add(executor.submit(() -> {
				for (int i = 0; i < 80; i++) {
					this.storage.store((i % 2 == 0) ? replacedV1 : replacedV2);
				}
			}));
			int rounds = 0;
			while (rounds < 20 || writers.stream().anyMatch((writer) -> !writer.isDone())) {
				rounds++;
				for (TraceSummary summary : this.storage.list(TraceQuery.builder().limit(30).build()).items()) {
					if (summary.id().equals(replacedV1.id())) {
						assertThat(summary).isIn(replacedV1.summary(), replacedV2.summary());
					}
					else {
						assertThat(summary).isEqualTo(expected.get(summary.id()).summary());
						assertThat(this.storage.retrieve(summary.id())).contains(expected.get(summary.id()));
					}
				}
				this.storage.retrieve(replacedV1.id())
					.ifPresent((trace) -> assertThat(trace).isIn(replacedV1.withoutAttachments(), replacedV2));
			}
			for (Future<?> writer : writers) {
				writer.get();
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(this.storage.list(TraceQuery.builder().limit(1000).build()).items()).hasSize(161);
		assertThat(this.storage.retrieve(replacedV1.id())).contains(replacedV2);
		assertThat(namesIn(root())).containsExactly("2025-03-10");
		assertThat(this.warnings).isEmpty();
	}

	@Test
	void purgeRunningWhileWritersStoreDeletesOnlyOldDays() throws Exception {
		List<Trace> old = storeVariety(60, 3);
		ExecutorService executor = Executors.newSingleThreadExecutor();
		List<Trace> recent = new ArrayList<>();
		try {
			Future<?> writer = executor.submit(() -> {
				for (int i = 0; i < 100; i++) {
					Trace trace = TestTraces.trace(DAY.plus(2, ChronoUnit.DAYS).plusSeconds(i));
					recent.add(trace);
					this.storage.store(trace);
				}
			});
			long purged = 0;
			while (!writer.isDone()) {
				purged += this.storage.purgeOlderThan(DAY.plus(2, ChronoUnit.DAYS)).traces();
				this.storage.list(TraceQuery.newest());
			}
			writer.get();
			purged += this.storage.purgeOlderThan(DAY.plus(2, ChronoUnit.DAYS)).traces();
			assertThat(purged).isEqualTo(old.size());
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(listAll(TraceQuery.builder())).containsExactlyElementsOf(expected(recent, (trace) -> true));
		assertThat(this.warnings).isEmpty();
	}

	@Test
	void purgeDeletesWholeDaysBeforeTheCutoffDayAndKeepsTheCutoffDay() throws IOException {
		List<Trace> traces = new ArrayList<>();
		for (int day = -4; day <= 0; day++) {
			for (int hour : List.of(1, 12, 23)) {
				Trace trace = TestTraces.trace(DAY.plus(day, ChronoUnit.DAYS).plus(hour, ChronoUnit.HOURS));
				this.storage.store(trace);
				traces.add(trace);
			}
		}
		Instant cutoff = DAY.minus(2, ChronoUnit.DAYS).plus(12, ChronoUnit.HOURS);

		PurgeResult purged = this.storage.purgeOlderThan(cutoff);

		assertThat(purged).isEqualTo(PurgeResult.of(6, List.of(LocalDate.parse("2025-03-06"), LocalDate.parse("2025-03-07"))));
		assertThat(namesIn(root())).containsExactlyInAnyOrder("2025-03-08", "2025-03-09", "2025-03-10");
		assertThat(listAll(TraceQuery.builder())).containsExactlyElementsOf(
				expected(traces, (trace) -> !trace.startTime().isBefore(DAY.minus(2, ChronoUnit.DAYS))));
	}

	@Test
	void corruptAndForeignEntriesAreSkippedWithOneWarningEach() throws IOException {
		Trace good = TestTraces.trace(DAY.plusSeconds(1));
		Trace garbageMetadata = TestTraces.trace(DAY.plusSeconds(2));
		Trace truncatedTrace = TestTraces.trace(DAY.plusSeconds(3));
		Trace noMetadata = TestTraces.trace(DAY.minus(1, ChronoUnit.DAYS));
		for (Trace trace : List.of(good, garbageMetadata, truncatedTrace, noMetadata)) {
			this.storage.store(trace);
		}
		Files.writeString(traceFolder(garbageMetadata).resolve("metadata.json"), "{\"id\": 12, garbage");
		Path truncated = traceFolder(truncatedTrace).resolve("trace.json.gz");
		byte[] gzip = Files.readAllBytes(truncated);
		Files.write(truncated, Arrays.copyOf(gzip, gzip.length - 20));
		Files.delete(traceFolder(noMetadata).resolve("metadata.json"));
		Path day = traceFolder(good).getParent();
		Path strayFile = Files.writeString(day.resolve("notes.txt"), "hello");
		Path foreignFolder = Files.createDirectories(day.resolve("not-a-trace"));
		Path upperCaseId = Files.createDirectories(day.resolve(TraceId.create(DAY).toString().toUpperCase()));
		Path foreignDay = Files.createDirectories(root().resolve("backup"));
		Path impossibleDay = Files.createDirectories(root().resolve("2025-02-30"));
		Path rootFile = Files.writeString(root().resolve("README"), "traces");

		for (int i = 0; i < 3; i++) {
			assertThat(listAll(TraceQuery.builder()))
				.containsExactly(truncatedTrace.summary(), good.summary());
			assertThat(this.storage.retrieve(truncatedTrace.id())).isEmpty();
			assertThat(this.storage.retrieve(good.id())).contains(good);
		}

		// a folder without metadata.json is a trace being written, or one whose writing stopped: not listed
		assertThat(this.warnings).hasSize(8);
		for (Path entry : List.of(traceFolder(garbageMetadata).resolve("metadata.json"), truncated, strayFile,
				foreignFolder, upperCaseId, foreignDay, impossibleDay, rootFile)) {
			assertThat(this.warnings).filteredOn((warning) -> warning.contains(entry + " ")).hasSize(1);
		}
		assertThat(this.warnings).allSatisfy((warning) -> assertThat(warning).doesNotContain("\n"));
	}

	@Test
	void summaryFiledUnderTheWrongDayOrTraceIsSkippedWithAWarning() throws IOException {
		Trace good = TestTraces.trace(DAY.plusSeconds(1));
		Trace other = TestTraces.trace(DAY.plusSeconds(2));
		this.storage.store(good);
		this.storage.store(other);
		Files.write(traceFolder(other).resolve("metadata.json"), TraceCodec.get().toBytes(good.summary()));

		assertThat(this.storage.list(TraceQuery.newest()).items()).containsExactly(good.summary());
		assertThat(this.warnings).singleElement().asString().contains("describes another trace");
	}

	@Test
	void traceWhoseTimeOrderedIdWasMadeForAnotherTimeIsRejected() {
		Trace trace = TestTraces.builder(DAY).id(TraceId.create(DAY.minusSeconds(5))).build();

		assertThatExceptionOfType(TraceStorageException.class).isThrownBy(() -> this.storage.store(trace))
			.withMessageContaining(trace.id().toString())
			.withMessageContaining("TraceId.create(startTime)");
	}

	@Test
	void listingReadsAboutAPageOfMetadataFilesNotTheWholeDay() {
		LocalFileSystemTraceStorage local = (LocalFileSystemTraceStorage) this.storage;
		List<Trace> traces = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			Trace trace = TestTraces.trace(DAY.plusMillis(i * 1000L + 7));
			local.store(trace);
			traces.add(trace);
		}
		List<TraceSummary> newestFirst = expected(traces, (trace) -> true);

		long before = local.metadataReads();
		TracePage first = local.list(TraceQuery.builder().limit(10).build());
		long firstReads = local.metadataReads() - before;
		TracePage second = local.list(TraceQuery.builder().limit(10).cursor(first.nextCursor()).build());
		long secondReads = local.metadataReads() - before - firstReads;
		TracePage window = local.list(TraceQuery.builder()
			.limit(10)
			.from(DAY.plusSeconds(100))
			.to(DAY.plusSeconds(150))
			.build());
		long windowReads = local.metadataReads() - before - firstReads - secondReads;

		assertThat(first.items()).isEqualTo(newestFirst.subList(0, 10));
		assertThat(second.items()).isEqualTo(newestFirst.subList(10, 20));
		assertThat(window.items()).isEqualTo(newestFirst.subList(150, 160));
		assertThat(firstReads).isLessThanOrEqualTo(12);
		assertThat(secondReads).isLessThanOrEqualTo(12);
		assertThat(windowReads).isLessThanOrEqualTo(12);
	}

	@Test
	void aFilterThatMatchesNothingReadsNoMoreMetadataFilesThanTheScanLimit() {
		LocalFileSystemTraceStorage local = (LocalFileSystemTraceStorage) this.storage;
		List<Trace> traces = new ArrayList<>();
		for (int i = 0; i < 3000; i++) {
			traces.add(TestTraces.trace(DAY.minus(i % 3, ChronoUnit.DAYS).plusMillis(i * 10L)));
		}
		local.storeAll(traces);

		long before = local.metadataReads();
		TracePage page = local.list(TraceQuery.builder().pathPrefix("/nothing-here").build());
		long reads = local.metadataReads() - before;
		TracePage small = local.list(TraceQuery.builder().pathPrefix("/nothing-here").scanLimit(100).build());
		long smallReads = local.metadataReads() - before - reads;

		assertThat(page.items()).isEmpty();
		assertThat(page.nextCursor()).isNotNull();
		assertThat(reads).isEqualTo(TraceQuery.DEFAULT_SCAN_LIMIT);
		assertThat(small.items()).isEmpty();
		assertThat(smallReads).isEqualTo(100);
	}

	@Test
	void pathTraversalIsRejectedAtEveryEntryPoint() throws IOException {
		Files.createDirectories(root());
		Files.writeString(this.temp.resolve("secret"), "password");
		Files.writeString(root().resolve("secret"), "password");
		Trace trace = TestTraces.full(DAY.plusSeconds(1), this.attachmentDir);
		LocalFileSystemTraceStorage plain = local(Compression.NONE);
		plain.store(trace);

		assertThatExceptionOfType(InvalidTraceIdException.class).isThrownBy(() -> TraceId.parse("../../etc/passwd"));
		assertThatExceptionOfType(InvalidTraceIdException.class)
			.isThrownBy(() -> TraceId.parse("../2025-03-10/" + trace.id().toString().substring(14)));
		for (String name : List.of("../../secret", "../../../secret", "../secret", "/etc/passwd", "..", ".",
				"request-body/../../../secret", "metadata.json", "trace.json", "")) {
			assertThat(plain.openAttachment(trace.id(), name)).as(name).isEmpty();
		}
		assertThat(plain.openAttachment(trace.id(), "request-body")).isPresent();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TraceAttachment("../../secret", this.temp.resolve("secret"), 8));
		String cursor = Base64.getUrlEncoder()
			.encodeToString("1.0.../../../secret".getBytes(StandardCharsets.US_ASCII));
		assertThatIllegalArgumentException().isThrownBy(() -> TraceQuery.builder().cursor(cursor).build());
		assertThat(this.temp.resolve("secret")).hasContent("password");
		assertThat(root().resolve("secret")).hasContent("password");
	}

	@Test
	void attachmentNamedLikeATraceFileIsRejectedAndNothingIsWritten() throws IOException {
		TraceAttachment metadata = TestTraces.attachment(this.attachmentDir, "metadata.json", new byte[] { 1 });
		Trace trace = TestTraces.withResponseAttachment(TestTraces.trace(DAY), metadata);

		assertThatExceptionOfType(TraceStorageException.class).isThrownBy(() -> this.storage.store(trace))
			.withMessageContaining("metadata.json");
		assertThat(this.storage.retrieve(trace.id())).isEmpty();
		assertThat(filesUnder(root())).isEmpty();
	}

	@Test
	void rootThatCannotBeCreatedFailsWithAClearMessage() throws IOException {
		Path file = Files.writeString(this.temp.resolve("a-file"), "not a directory");

		for (Path root : List.of(file.resolve("traces"), file)) {
			assertThatExceptionOfType(TraceStorageException.class)
				.isThrownBy(() -> new LocalFileSystemTraceStorage(root, Compression.DEFAULT))
				.withMessageStartingWith("local trace storage directory " + root + " is not writable: ");
		}
	}

	@Test
	void checkIsUpWithPathAndFreeSpaceAndLeavesNothingBehind() throws IOException {
		StorageCheck check = this.storage.check();

		assertThat(check.up()).isTrue();
		assertThat(check.details()).containsEntry("path", root().toString());
		assertThat((Long) check.details().get("freeSpace")).isPositive();
		assertThat(namesIn(root())).isEmpty();
	}

	@Test
	void checkAndProbeAreDownWithAOneLineReasonWhenTheDirectoryIsUnusable() throws IOException {
		Files.delete(root());
		Files.writeString(root(), "not a directory any more");

		StorageCheck check = this.storage.check();
		StorageCheck probe = this.storage.probe();

		assertThat(check.up()).isFalse();
		assertThat(check.reason()).isEqualTo("directory " + root() + " is missing");
		assertThat(check.details()).containsEntry("path", root().toString());
		assertThat(probe.up()).isFalse();
		assertThat(probe.reason()).startsWith("local trace storage " + root() + " is not writable: FileSystemException")
			.doesNotContain("\n")
			.doesNotContain("\tat ");
		assertThat(probe.details()).containsEntry("path", root().toString());
	}

	@Test
	void sizeByDayCountsTheBytesOfEachDayOldestFirst() {
		Trace older = TestTraces.full(DAY.minus(1, ChronoUnit.DAYS), this.attachmentDir);
		Trace newer = TestTraces.trace(DAY);
		long olderBytes = this.storage.store(older);
		long newerBytes = this.storage.store(newer);

		SortedMap<LocalDate, Long> sizes = this.storage.sizeByDay();

		assertThat(sizes).containsExactly(Map.entry(LocalDate.parse("2025-03-09"), olderBytes),
				Map.entry(LocalDate.parse("2025-03-10"), newerBytes));
	}

	@Test
	void describesItselfForHealthAndLogs() {
		assertThat(this.storage.description()).isEqualTo(new StorageDescription("local", root().toString()));
		assertThat(this.storage).hasToString("LocalFileSystemTraceStorage{root=" + root() + ", compression=gzip level 6}");
	}

	private static List<Path> filesUnder(Path root) throws IOException {
		try (Stream<Path> paths = Files.walk(root)) {
			return paths.filter(Files::isRegularFile).toList();
		}
	}

	private static List<String> namesIn(Path folder) throws IOException {
		try (Stream<Path> entries = Files.list(folder)) {
			return entries.map((entry) -> entry.getFileName().toString()).toList();
		}
	}

	private static long size(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String sha256(InputStream in) throws IOException, NoSuchAlgorithmException {
		MessageDigest digest = MessageDigest.getInstance("SHA-256");
		try (DigestInputStream digesting = new DigestInputStream(in, digest)) {
			digesting.transferTo(OutputStream.nullOutputStream());
		}
		return HexFormat.of().formatHex(digest.digest());
	}

}
