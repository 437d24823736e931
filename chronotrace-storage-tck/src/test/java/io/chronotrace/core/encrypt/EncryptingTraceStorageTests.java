package io.chronotrace.core.encrypt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.chronotrace.core.compress.Compression;
import io.chronotrace.core.storage.StatusFilter;
import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.local.LocalFileSystemTraceStorage;
import io.chronotrace.core.storage.memory.InMemoryTraceStorage;
import io.chronotrace.core.trace.TestTraces;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceAttachment;
import io.chronotrace.core.trace.TraceBody;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.trace.TraceRequest;
import io.chronotrace.core.trace.TraceSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What encryption promises a user: no stored byte reveals a body, old keys keep old traces
 * readable after a rotation, a changed byte makes that trace unreadable with a warning, and
 * listings still work.
 */
class EncryptingTraceStorageTests {

	private static final Instant START = Instant.parse("2025-03-10T10:00:00Z");

	private static final String MARKER = "MARKER-7f3a91";

	@TempDir
	Path root;

	@TempDir
	Path spill;

	@Test
	void noStoredByteOfLocalStorageContainsTheBodyMarker() throws IOException {
		TraceStorage storage = new EncryptingTraceStorage(
				new LocalFileSystemTraceStorage(this.root, Compression.NONE), TestKeys.keys("k1", "k1"), false);
		Trace trace = withMarker(START);

		storage.store(trace);

		assertThat(storage.retrieve(trace.id())).contains(trace.withoutAttachments());
		assertThat(readAttachment(storage, trace.id(), "request-body")).contains(MARKER);
		List<Path> files = allFiles(this.root);
		assertThat(files).isNotEmpty();
		for (Path file : files) {
			String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
			assertThat(content).as(file.toString()).doesNotContain(MARKER).doesNotContain("alice@example.com");
		}
	}

	@Test
	void summariesStayInClearForListingsAndFiltersWork() {
		TraceStorage storage = encryptedMemory(false);
		Trace failing = TestTraces.builder(START).method("POST").path("/api/orders").status(503).build();
		storage.store(failing);
		storage.store(TestTraces.builder(START.plusSeconds(1)).path("/api/other").status(200).build());

		List<TraceSummary> items = storage
			.list(TraceQuery.builder().status(StatusFilter.parse("5xx")).pathPrefix("/api/ord").build())
			.items();

		assertThat(items).containsExactly(EncryptedSummaries.listed(failing));
	}

	@Test
	void sealedSummariesHideMethodPathAndStatusAndListingFiltersByTimeOnly() {
		TraceStorage storage = encryptedMemory(true);
		Trace trace = TestTraces.builder(START).method("POST").path("/api/secret-things").status(503).build();
		storage.store(trace);

		List<TraceSummary> items = storage
			.list(TraceQuery.builder().status(StatusFilter.parse("2xx")).from(START.minusSeconds(1)).build())
			.items();

		assertThat(items).hasSize(1);
		TraceSummary summary = items.get(0);
		assertThat(summary.id()).isEqualTo(trace.id());
		assertThat(summary.startTime()).isEqualTo(trace.startTime());
		assertThat(summary.method()).isEqualTo(EncryptingTraceStorage.SEALED);
		assertThat(summary.path()).doesNotContain("secret");
		assertThat(summary.status()).isZero();
		assertThat(storage.retrieve(trace.id())).contains(trace);
	}

	@Test
	void tracesSealedWithAnOldKeyStayReadableAfterRotation() throws IOException {
		InMemoryTraceStorage inner = new InMemoryTraceStorage(100);
		Trace old = withMarker(START);
		new EncryptingTraceStorage(inner, TestKeys.keys("k1", "k1"), false).store(old);

		TraceStorage rotated = new EncryptingTraceStorage(inner, TestKeys.keys("k2", "k1", "k2"), false);
		Trace recent = TestTraces.trace(START.plusSeconds(5));
		rotated.store(recent);

		assertThat(rotated.retrieve(old.id())).contains(old.withoutAttachments());
		assertThat(readAttachment(rotated, old.id(), "request-body")).contains(MARKER);
		assertThat(rotated.retrieve(recent.id())).contains(recent);
		assertThat(keyIdOf(inner.retrieve(recent.id()).orElseThrow())).isEqualTo("k2");
		assertThat(keyIdOf(inner.retrieve(old.id()).orElseThrow())).isEqualTo("k1");
	}

	@Test
	void traceSealedWithAKeyNoLongerConfiguredIsSkippedNotShownAsGarbage() throws IOException {
		InMemoryTraceStorage inner = new InMemoryTraceStorage(100);
		Trace old = withMarker(START);
		new EncryptingTraceStorage(inner, TestKeys.keys("k1", "k1"), false).store(old);

		TraceStorage withoutOldKey = new EncryptingTraceStorage(inner, TestKeys.keys("k2", "k2"), false);

		assertThat(withoutOldKey.retrieve(old.id())).isEmpty();
		assertThat(withoutOldKey.openAttachment(old.id(), "request-body")).isEmpty();
		assertThat(withoutOldKey.list(TraceQuery.newest()).items()).extracting(TraceSummary::id)
			.containsExactly(old.id());
	}

	@Test
	void oneChangedByteMakesThatTraceUnreadableAndLeavesOthersAlone() {
		InMemoryTraceStorage inner = new InMemoryTraceStorage(100);
		TraceStorage storage = new EncryptingTraceStorage(inner, TestKeys.keys("k1", "k1"), false);
		Trace tampered = TestTraces.trace(START);
		Trace intact = TestTraces.trace(START.plusSeconds(1));
		storage.store(tampered);
		storage.store(intact);

		Trace envelope = inner.retrieve(tampered.id()).orElseThrow();
		byte[] sealed = Base64.getDecoder().decode(envelope.request().body().content());
		sealed[sealed.length - 20] ^= 0x01;
		inner.store(withCarrier(envelope, sealed));

		assertThat(storage.retrieve(tampered.id())).isEmpty();
		assertThat(storage.retrieve(intact.id())).contains(intact);
	}

	@Test
	void sealedTraceMovedUnderAnotherIdDoesNotOpen() {
		InMemoryTraceStorage inner = new InMemoryTraceStorage(100);
		TraceStorage storage = new EncryptingTraceStorage(inner, TestKeys.keys("k1", "k1"), false);
		Trace victim = TestTraces.trace(START);
		Trace other = TestTraces.trace(START.plusSeconds(1));
		storage.store(victim);
		storage.store(other);

		Trace victimEnvelope = inner.retrieve(victim.id()).orElseThrow();
		Trace otherEnvelope = inner.retrieve(other.id()).orElseThrow();
		inner.store(withCarrier(otherEnvelope,
				Base64.getDecoder().decode(victimEnvelope.request().body().content())));

		assertThat(storage.retrieve(other.id())).isEmpty();
	}

	@Test
	void changedAttachmentByteMakesTheAttachmentUnreadableInsteadOfGarbage() throws IOException {
		TraceStorage storage = new EncryptingTraceStorage(
				new LocalFileSystemTraceStorage(this.root, Compression.NONE), TestKeys.keys("k1", "k1"), false);
		Trace trace = withMarker(START);
		storage.store(trace);
		flipByteOf("request-body", 0.5);

		assertThat(storage.openAttachment(trace.id(), "request-body")).isEmpty();
		assertThat(storage.retrieve(trace.id())).contains(trace.withoutAttachments());
	}

	@Test
	void changedByteDeepInALargeAttachmentFailsTheReadWhereItIs() throws IOException {
		TraceStorage storage = new EncryptingTraceStorage(
				new LocalFileSystemTraceStorage(this.root, Compression.NONE), TestKeys.keys("k1", "k1"), false);
		TraceAttachment large = TestTraces.largeAttachment(this.spill, "response-body", 8 * 64 * 1024, 3);
		Trace trace = TestTraces.withResponseAttachment(TestTraces.trace(START), large);
		storage.store(trace);
		flipByteOf("response-body", 0.9);

		try (InputStream in = storage.openAttachment(trace.id(), "response-body").orElseThrow()) {
			assertThatIOException().isThrownBy(in::readAllBytes).withMessageContaining("authentication failed");
		}
	}

	private void flipByteOf(String attachmentName, double where) throws IOException {
		Path attachment = allFiles(this.root).stream()
			.filter((file) -> file.getFileName().toString().startsWith(attachmentName))
			.findFirst()
			.orElseThrow();
		byte[] bytes = Files.readAllBytes(attachment);
		bytes[(int) (bytes.length * where)] ^= 0x40;
		Files.write(attachment, bytes);
	}

	@Test
	void largeAttachmentRoundTripsThroughManyChunks() throws IOException {
		TraceStorage storage = encryptedMemory(false);
		TraceAttachment large = TestTraces.largeAttachment(this.spill, "response-body", 3 * 64 * 1024 + 17, 42);
		byte[] expected = Files.readAllBytes(large.file());
		Trace trace = TestTraces.withResponseAttachment(TestTraces.trace(START), large);

		storage.store(trace);

		try (InputStream in = storage.openAttachment(trace.id(), "response-body").orElseThrow()) {
			assertThat(in.readAllBytes()).isEqualTo(expected);
		}
	}

	@Test
	void attachmentOfExactlyOneChunkRoundTrips() throws IOException {
		TraceStorage storage = encryptedMemory(false);
		TraceAttachment exact = TestTraces.largeAttachment(this.spill, "response-body", 64 * 1024, 7);
		byte[] expected = Files.readAllBytes(exact.file());
		Trace trace = TestTraces.withResponseAttachment(TestTraces.trace(START), exact);

		storage.store(trace);

		try (InputStream in = storage.openAttachment(trace.id(), "response-body").orElseThrow()) {
			assertThat(in.readAllBytes()).isEqualTo(expected);
		}
	}

	@Test
	void traceStoredInClearBeforeEncryptionWasOnIsStillRead() {
		InMemoryTraceStorage inner = new InMemoryTraceStorage(100);
		Trace clear = TestTraces.trace(START);
		inner.store(clear);

		assertThat(encryptedOver(inner).retrieve(clear.id())).contains(clear);
	}

	@Test
	void withRequireSealedAPlantedTraceInClearIsNeverServed() throws IOException {
		InMemoryTraceStorage inner = new InMemoryTraceStorage(100);
		TraceStorage storage = new EncryptingTraceStorage(inner, TestKeys.keys("k1", "k1"), false, true);
		Trace sealed = withMarker(START);
		storage.store(sealed);
		// what someone who can write to the bucket or table plants: a trace in clear, with events
		Trace planted = TestTraces.builder(START.plusSeconds(1)).method("POST").path("/api/payments").build();
		inner.store(planted);
		// and one without events, which a listing cannot tell from an envelope
		Trace plantedWithoutEvents = TestTraces.builder(START.plusSeconds(2)).events(List.of()).build();
		inner.store(plantedWithoutEvents);

		assertThat(storage.retrieve(planted.id())).isEmpty();
		assertThat(storage.retrieve(plantedWithoutEvents.id())).isEmpty();
		assertThat(storage.list(TraceQuery.newest()).items()).extracting(TraceSummary::id)
			.containsExactly(plantedWithoutEvents.id(), sealed.id());
		assertThat(storage.retrieve(sealed.id())).contains(sealed.withoutAttachments());
		assertThat(readAttachment(storage, sealed.id(), "request-body")).contains(MARKER);
	}

	@Test
	void withRequireSealedAnAttachmentInClearBesideASealedTraceIsNeverServed() throws IOException {
		InMemoryTraceStorage inner = new InMemoryTraceStorage(100);
		TraceStorage storage = new EncryptingTraceStorage(inner, TestKeys.keys("k1", "k1"), false, true);
		Trace sealed = withMarker(START);
		storage.store(sealed);
		// the envelope kept, its attachment replaced by one in clear
		Trace envelope = inner.retrieve(sealed.id()).orElseThrow();
		TraceAttachment planted = TestTraces.attachment(this.spill, "request-body",
				"{\"amount\":1000000}".getBytes(StandardCharsets.UTF_8));
		inner.store(new Trace(envelope.schemaVersion(), envelope.id(), envelope.startTime(), envelope.durationMicros(),
				envelope.application(), envelope.request(), envelope.response(), envelope.exception(), List.of(), 0,
				null, List.of(planted)));

		assertThat(storage.openAttachment(sealed.id(), "request-body")).isEmpty();
		assertThat(new EncryptingTraceStorage(inner, TestKeys.keys("k1", "k1"), false, false)
			.openAttachment(sealed.id(), "request-body")).isPresent();
	}

	@Test
	void withRequireSealedAndSealedSummariesAListingShowsOnlyWhatLooksSealed() {
		InMemoryTraceStorage inner = new InMemoryTraceStorage(100);
		TraceStorage storage = new EncryptingTraceStorage(inner, TestKeys.keys("k1", "k1"), true, true);
		Trace sealed = TestTraces.trace(START);
		storage.store(sealed);
		inner.store(TestTraces.builder(START.plusSeconds(1)).events(List.of()).path("/api/free-money").build());

		assertThat(storage.list(TraceQuery.newest()).items()).extracting(TraceSummary::id).containsExactly(sealed.id());
		assertThat(storage.retrieve(sealed.id())).contains(sealed);
	}

	@Test
	void batchStoreSealsEveryTrace() {
		InMemoryTraceStorage inner = new InMemoryTraceStorage(100);
		TraceStorage storage = encryptedOver(inner);
		List<Trace> batch = List.of(TestTraces.trace(START), TestTraces.trace(START.plusSeconds(1)));

		assertThat(storage.storeAll(batch).allStored()).isTrue();

		for (Trace trace : batch) {
			assertThat(EncryptingTraceStorage.isSealed(inner.retrieve(trace.id()).orElseThrow())).isTrue();
			assertThat(storage.retrieve(trace.id())).contains(trace);
		}
	}

	@Test
	void keysThatAreMissingMalformedOrTheWrongSizeAreRejectedByKeyId() {
		assertThatIllegalArgumentException().isThrownBy(() -> EncryptionKeys.of(Map.of(), null))
			.withMessageContaining("no key");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EncryptionKeys.of(Map.of("k1", "not base64!"), "k1"))
			.withMessage("Encryption key 'k1': the key is not base64");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EncryptionKeys.of(Map.of("k1", Base64.getEncoder().encodeToString(new byte[16])), "k1"))
			.withMessageContaining("'k1'")
			.withMessageContaining("16 bytes");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EncryptionKeys.of(Map.of("k1", TestKeys.base64(1)), "k2"))
			.withMessageContaining("'k2'");
		assertThat(EncryptionKeys.of(Map.of("k1", TestKeys.base64(1)), null).activeId()).isEqualTo("k1");
		assertThat(EncryptionKeys.of(Map.of("k1", TestKeys.base64(1)), null).toString())
			.doesNotContain(TestKeys.base64(1));
	}

	private TraceStorage encryptedMemory(boolean sealSummaries) {
		return new EncryptingTraceStorage(new InMemoryTraceStorage(100), TestKeys.keys("k1", "k1"), sealSummaries);
	}

	private static TraceStorage encryptedOver(TraceStorage inner) {
		return new EncryptingTraceStorage(inner, TestKeys.keys("k1", "k1"), false);
	}

	private Trace withMarker(Instant start) {
		TraceAttachment upload = TestTraces.attachment(this.spill, "request-body",
				("{\"note\":\"" + MARKER + "\"}").repeat(100).getBytes(StandardCharsets.UTF_8));
		TraceRequest request = new TraceRequest("POST", "https://shop.example.com/api/orders?q=" + MARKER,
				"/api/orders", "q=" + MARKER, Map.of("X-Note", List.of(MARKER)),
				TestTraces.attachmentBody("application/json", upload), "10.0.0.1");
		Trace base = TestTraces.trace(start);
		return new Trace(base.schemaVersion(), base.id(), start, base.durationMicros(), base.application(), request,
				new io.chronotrace.core.trace.TraceResponse(200, Map.of("X-Note", List.of(MARKER)),
						TraceBody.text("application/json", "{\"customer\":\"alice@example.com\",\"note\":\"" + MARKER
								+ "\"}", "UTF-8", 60, 60),
						60),
				null, base.events(), 0, null, List.of(upload));
	}

	private static Trace withCarrier(Trace envelope, byte[] sealed) {
		TraceBody body = envelope.request().body().withContent(Base64.getEncoder().encodeToString(sealed));
		return new Trace(envelope.schemaVersion(), envelope.id(), envelope.startTime(), envelope.durationMicros(),
				envelope.application(), envelope.request().with(envelope.request().url(), null, Map.of(), body),
				envelope.response(), envelope.exception(), List.of(), 0, null, List.of());
	}

	private static String keyIdOf(Trace envelope) {
		byte[] sealed = Base64.getDecoder().decode(envelope.request().body().content());
		return new String(sealed, 5, sealed[4], StandardCharsets.US_ASCII);
	}

	private static String readAttachment(TraceStorage storage, TraceId id, String name) throws IOException {
		try (InputStream in = storage.openAttachment(id, name).orElseThrow()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static List<Path> allFiles(Path root) throws IOException {
		try (Stream<Path> files = Files.walk(root)) {
			List<Path> all = new ArrayList<>();
			files.filter(Files::isRegularFile).forEach(all::add);
			return all;
		}
	}

}
