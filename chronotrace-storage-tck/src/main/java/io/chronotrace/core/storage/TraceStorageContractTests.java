package io.chronotrace.core.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import io.chronotrace.core.trace.TestTraces;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceAttachment;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.trace.TraceOrigin;
import io.chronotrace.core.trace.TraceSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The behaviour every {@link TraceStorage} must have, proved through the SPI alone (the idea of
 * Zipkin's {@code ITStorage}). Each backend's test extends this class and implements
 * {@link #createStorage()}; backend-specific tests live beside it.
 * <p>
 * Traces start on fixed days in March 2025, so a backend that lays traces out by day sees
 * several day folders.
 */
public abstract class TraceStorageContractTests {

	/** The origins other than an ordinary request. */
	private static final List<TraceOrigin> ORIGINS = List.of(TraceOrigin.REPLAY, TraceOrigin.SELF_CALL,
			TraceOrigin.GENERATED_TEST);

	/** Midnight UTC of the newest day the tests use. */
	protected static final Instant DAY = Instant.parse("2025-03-10T00:00:00Z");

	/** Where tests write the temporary files of attachments. */
	@TempDir
	protected Path attachmentDir;

	/** The storage under test, new for each test. */
	protected TraceStorage storage;

	/**
	 * Creates the storage under test: a new, empty one for each test.
	 * @return the storage
	 */
	protected abstract TraceStorage createStorage();

	/**
	 * Whether the backend keeps attachments ({@link TraceStorage#openAttachment}); backends that
	 * do not still store the trace that refers to them.
	 * @return {@code true} unless overridden
	 */
	protected boolean supportsAttachments() {
		return true;
	}

	/**
	 * Everything the storage under test really stored, read around it and decoded as far as
	 * whoever holds the disk, bucket, table or Redis could (see {@link StoredBytes}).
	 * @return the stored bytes
	 * @throws Exception when they cannot be read
	 */
	protected abstract StoredBytes storedBytes() throws Exception;

	/**
	 * Changes one byte in the middle of an attachment's stored bytes, as a failing disk or
	 * someone who can write to the storage would; backends that keep a checksum of attachments
	 * (segment frames, gzip) override it.
	 * @param id the trace
	 * @param name the attachment
	 * @return whether the byte was changed; {@code false} unless overridden
	 * @throws Exception when the stored bytes cannot be changed
	 */
	protected boolean corruptStoredAttachment(TraceId id, String name) throws Exception {
		return false;
	}

	@BeforeEach
	void createStorageUnderTest() {
		this.storage = createStorage();
	}

	@Test
	void storedTraceComesBackWithEveryField() throws IOException {
		Trace trace = TestTraces.full(DAY.plusSeconds(3600).plusNanos(123_456_000), this.attachmentDir);

		this.storage.store(trace);

		assertThat(this.storage.retrieve(trace.id())).contains(trace.withoutAttachments());
		if (supportsAttachments()) {
			TraceAttachment attachment = trace.attachments().get(0);
			assertThat(readAttachment(trace.id(), attachment.name())).hasValueSatisfying(
					(content) -> assertThat(content).isEqualTo(readFile(attachment.file())));
		}
	}

	@Test
	void attachmentComesBackByteForByteEvenWhenItLooksCompressed() throws IOException {
		byte[] gzipLooking = { 0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff, 1, 2, 3 };
		TraceAttachment attachment = TestTraces.attachment(this.attachmentDir, "response-body", gzipLooking);
		Trace trace = TestTraces.withResponseAttachment(TestTraces.trace(DAY.plusSeconds(60)), attachment);

		this.storage.store(trace);

		assertThat(this.storage.retrieve(trace.id())).contains(trace.withoutAttachments());
		if (supportsAttachments()) {
			assertThat(readAttachment(trace.id(), "response-body"))
				.hasValueSatisfying((content) -> assertThat(content).isEqualTo(gzipLooking));
		}
	}

	@Test
	void anAttachmentWhoseStoredBytesChangedIsAnErrorAtItsEndNamingIt() throws Exception {
		TraceAttachment attachment = TestTraces.largeAttachment(this.attachmentDir, "response-body", 300_000, 11);
		Trace trace = TestTraces.withResponseAttachment(TestTraces.trace(DAY.plusSeconds(60)), attachment);
		this.storage.store(trace);
		assumeTrue(supportsAttachments() && corruptStoredAttachment(trace.id(), "response-body"),
				"the backend keeps no checksum of attachments");

		Optional<InputStream> content = this.storage.openAttachment(trace.id(), "response-body");

		assertThat(content).isPresent();
		try (InputStream in = content.get()) {
			assertThatIOException().isThrownBy(in::readAllBytes)
				.withMessageContaining(trace.id().toString())
				.withMessageContaining("response-body");
		}
	}

	@Test
	void noStoredByteHoldsASecretThatARequestCarried() throws Exception {
		Trace trace = SecretsTrace.scrubbed(DAY.plusSeconds(42), this.attachmentDir);

		this.storage.store(trace);

		List<byte[]> stored = storedBytes().pieces();
		List<byte[]> served = new StoredBytes().served(this.storage).pieces();
		String id = trace.id().toString();
		assertThat(stored).as("stored bytes, which name the trace").anySatisfy((bytes) -> assertThat(text(bytes)).contains(id));
		assertThat(served).as("what the storage serves").anySatisfy((bytes) -> assertThat(text(bytes))
			.contains(SecretsTrace.CANARY)
			.contains(SecretsTrace.PATH));
		if (!(this.storage instanceof io.chronotrace.core.encrypt.EncryptingTraceStorage)) {
			assertThat(stored).as("stored bytes, decoded: the request body, and the response body's attachment")
				.anySatisfy((bytes) -> assertThat(text(bytes)).contains(SecretsTrace.CANARY))
				.anySatisfy((bytes) -> assertThat(text(bytes)).contains(SecretsTrace.ATTACHMENT_CANARY));
		}
		assertNoSecret(stored, "stored bytes");
		assertNoSecret(served, "what the storage serves");
	}

	private static void assertNoSecret(List<byte[]> pieces, String what) {
		for (byte[] piece : pieces) {
			String text = text(piece);
			for (String secret : SecretsTrace.SECRETS) {
				int at = text.indexOf(secret);
				assertThat(at).as("%s hold %s in: ...%s...", what, secret,
						text.substring(Math.max(0, at - 120), Math.min(text.length(), at + secret.length() + 40)))
					.isNegative();
			}
		}
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.ISO_8859_1);
	}

	@Test
	void openAttachmentOfUnknownTraceOrNameIsEmpty() {
		Trace trace = TestTraces.trace(DAY.plusSeconds(60));
		this.storage.store(trace);

		assertThat(this.storage.openAttachment(trace.id(), "request-body")).isEmpty();
		assertThat(this.storage.openAttachment(TraceId.create(DAY), "request-body")).isEmpty();
	}

	@Test
	void openAttachmentNeverReachesOutsideTheTraceOrIntoItsOwnFiles() {
		Trace trace = TestTraces.full(DAY.plusSeconds(60), this.attachmentDir);
		this.storage.store(trace);

		for (String name : List.of("../../etc/passwd", "..", ".", "/etc/passwd", "request-body/../../x",
				"..\\..\\x", "%2e%2e/x", "", "trace.json", "trace.json.gz", "metadata.json")) {
			assertThat(this.storage.openAttachment(trace.id(), name)).as(name).isEmpty();
		}
	}

	@Test
	void retrieveOfUnknownIdIsEmpty() {
		this.storage.store(TestTraces.trace(DAY.plusSeconds(60)));

		assertThat(this.storage.retrieve(TraceId.create(DAY.plusSeconds(60)))).isEmpty();
		assertThat(this.storage.retrieve(TraceId.create(DAY.minus(400, ChronoUnit.DAYS)))).isEmpty();
		assertThat(this.storage.retrieve(TraceId.parse(UUID.randomUUID().toString()))).isEmpty();
	}

	@Test
	void traceWhoseIdCarriesNoTimeIsStoredListedRetrievedAndDeleted() {
		TraceId id = TraceId.parse(UUID.randomUUID().toString());
		Trace trace = TestTraces.builder(DAY.minus(2, ChronoUnit.DAYS).plusSeconds(5)).id(id).build();
		this.storage.store(TestTraces.trace(DAY.plusSeconds(5)));
		this.storage.store(trace);

		assertThat(this.storage.retrieve(id)).contains(trace);
		assertThat(listAll(TraceQuery.builder())).contains(listed(trace));
		assertThat(this.storage.delete(id)).isTrue();
		assertThat(this.storage.retrieve(id)).isEmpty();
		assertThat(listAll(TraceQuery.builder())).extracting(TraceSummary::id).doesNotContain(id);
	}

	@Test
	void listShowsSummariesNewestFirst() {
		List<Trace> traces = storeVariety(40, 3);

		TracePage page = this.storage.list(TraceQuery.builder().limit(TraceQuery.MAX_LIMIT).build());

		assertThat(page.items()).containsExactlyElementsOf(expected(traces, (trace) -> true));
		assertThat(page.nextCursor()).isNull();
	}

	@Test
	void listOfAnEmptyStorageIsAnEmptyPage() {
		TracePage page = this.storage.list(TraceQuery.newest());

		assertThat(page.items()).isEmpty();
		assertThat(page.nextCursor()).isNull();
	}

	@Test
	void listFiltersByTimeRangeFromInclusiveToExclusive() {
		List<Trace> traces = new ArrayList<>(storeVariety(40, 3));
		Instant from = DAY.minus(2, ChronoUnit.DAYS).plus(3, ChronoUnit.HOURS);
		Instant to = DAY.minus(1, ChronoUnit.DAYS).plus(5, ChronoUnit.HOURS);
		for (Instant boundary : List.of(from, to)) {
			Trace trace = TestTraces.trace(boundary);
			this.storage.store(trace);
			traces.add(trace);
		}

		List<TraceSummary> listed = listAll(TraceQuery.builder().from(from).to(to));

		assertThat(listed).isNotEmpty()
			.containsExactlyElementsOf(expected(traces,
					(trace) -> !trace.startTime().isBefore(from) && trace.startTime().isBefore(to)));
		assertThat(listed).extracting(TraceSummary::startTime).contains(from).doesNotContain(to);
	}

	@Test
	void listFiltersByExactStatus() {
		List<Trace> traces = storeVariety(40, 2);

		List<TraceSummary> listed = listAll(TraceQuery.builder().status(StatusFilter.exactly(404)));

		assertThat(listed).isNotEmpty().containsExactlyElementsOf(expected(traces, (trace) -> trace.response().status() == 404));
	}

	@Test
	void listFiltersByStatusClass() {
		List<Trace> traces = storeVariety(40, 2);

		List<TraceSummary> listed = listAll(TraceQuery.builder().status(StatusFilter.parse("5xx")));

		assertThat(listed).isNotEmpty()
			.containsExactlyElementsOf(expected(traces, (trace) -> trace.response().status() >= 500));
	}

	@Test
	void listFiltersByMethodWhateverItsCase() {
		List<Trace> traces = storeVariety(40, 2);

		List<TraceSummary> listed = listAll(TraceQuery.builder().method("post"));

		assertThat(listed).isNotEmpty()
			.containsExactlyElementsOf(expected(traces, (trace) -> trace.request().method().equals("POST")));
	}

	@Test
	void listFiltersByPathPrefix() {
		List<Trace> traces = storeVariety(40, 2);

		List<TraceSummary> listed = listAll(TraceQuery.builder().pathPrefix("/api/orders/"));

		assertThat(listed).isNotEmpty()
			.containsExactlyElementsOf(expected(traces, (trace) -> trace.request().path().startsWith("/api/orders/")));
	}

	@Test
	void listFiltersByMinimumDurationInclusive() {
		List<Trace> traces = new ArrayList<>(storeVariety(40, 2));
		Trace exactly = TestTraces.builder(DAY.plusSeconds(1)).duration(Duration.ofMillis(250)).build();
		this.storage.store(exactly);
		traces.add(exactly);

		List<TraceSummary> listed = listAll(TraceQuery.builder().minDuration(Duration.ofMillis(250)));

		assertThat(listed).contains(listed(exactly))
			.containsExactlyElementsOf(expected(traces, (trace) -> trace.durationMicros() >= 250_000));
	}

	@Test
	void everyOriginIsKeptWithItsRelatedTraceAndListed() {
		Trace original = TestTraces.trace(DAY.plusSeconds(10));
		Trace replay = TestTraces.builder(DAY.plusSeconds(20)).origin(TraceOrigin.REPLAY, original.id()).build();
		Trace selfCall = TestTraces.builder(DAY.plusSeconds(30)).origin(TraceOrigin.SELF_CALL, original.id()).build();
		Trace test = TestTraces.builder(DAY.plusSeconds(40)).origin(TraceOrigin.GENERATED_TEST, original.id()).build();
		List<Trace> traces = List.of(original, replay, selfCall, test);
		traces.forEach(this.storage::store);

		List<TraceSummary> listed = listAll(TraceQuery.builder());

		assertThat(listed).containsExactlyElementsOf(expected(traces, (trace) -> true));
		assertThat(listed).extracting(TraceSummary::origin)
			.containsExactly(TraceOrigin.GENERATED_TEST, TraceOrigin.SELF_CALL, TraceOrigin.REPLAY, TraceOrigin.REQUEST);
		assertThat(listed).extracting(TraceSummary::originTraceId)
			.containsExactly(original.id(), original.id(), original.id(), null);
		assertThat(this.storage.retrieve(replay.id())).contains(replay);
	}

	@Test
	void listFiltersByOrigin() {
		List<Trace> traces = storeVariety(60, 2);

		List<TraceSummary> ordinary = listAll(TraceQuery.builder().limit(4).origins(Set.of(TraceOrigin.REQUEST)));
		List<TraceSummary> sentByItself = listAll(
				TraceQuery.builder().limit(4).origins(Set.of(TraceOrigin.REPLAY, TraceOrigin.SELF_CALL)));

		assertThat(ordinary).isNotEmpty()
			.doesNotHaveDuplicates()
			.containsExactlyElementsOf(expected(traces, (trace) -> trace.summary().origin() == TraceOrigin.REQUEST));
		assertThat(sentByItself).isNotEmpty()
			.doesNotHaveDuplicates()
			.containsExactlyElementsOf(expected(traces, (trace) -> trace.summary().origin() == TraceOrigin.REPLAY
					|| trace.summary().origin() == TraceOrigin.SELF_CALL));
	}

	@Test
	void listReturnsAtMostLimitAndACursorWhenMoreRemain() {
		List<Trace> traces = storeVariety(30, 2);

		TracePage first = this.storage.list(TraceQuery.builder().limit(10).build());
		TracePage all = this.storage.list(TraceQuery.builder().limit(30).build());

		assertThat(first.items()).containsExactlyElementsOf(expected(traces, (trace) -> true).subList(0, 10));
		assertThat(first.nextCursor()).isNotNull();
		assertThat(all.items()).hasSize(30);
		assertThat(all.nextCursor()).isNull();
	}

	@Test
	void cursorPaginationAcrossDaysHasNoDuplicatesAndNoGaps() {
		List<Trace> traces = storeVariety(300, 5);

		List<TraceSummary> listed = listAll(TraceQuery.builder().limit(7));

		assertThat(listed).hasSize(300).doesNotHaveDuplicates().containsExactlyElementsOf(expected(traces, (trace) -> true));
	}

	@Test
	void cursorPaginationWithFiltersHasNoDuplicatesAndNoGaps() {
		List<Trace> traces = storeVariety(300, 5);
		Instant from = DAY.minus(3, ChronoUnit.DAYS).plus(7, ChronoUnit.HOURS);

		List<TraceSummary> listed = listAll(
				TraceQuery.builder().limit(3).status(StatusFilter.series(5)).pathPrefix("/api/orders").from(from));

		assertThat(listed).isNotEmpty()
			.doesNotHaveDuplicates()
			.containsExactlyElementsOf(expected(traces, (trace) -> trace.response().status() >= 500
					&& trace.request().path().startsWith("/api/orders") && !trace.startTime().isBefore(from)));
	}

	@Test
	void aFilterThatMatchesAlmostNothingIsListedAScanLimitAtATime() {
		List<Trace> traces = storeVariety(300, 5);
		Trace needle = TestTraces.builder(DAY.minus(6, ChronoUnit.DAYS).plusSeconds(7)).path("/needle").build();
		this.storage.store(needle);
		TraceQuery.Builder query = TraceQuery.builder().pathPrefix("/needle").limit(5).scanLimit(20);

		TracePage first = this.storage.list(query.build());
		List<TracePage> pages = new ArrayList<>();
		List<TraceSummary> listed = listAll(query, pages);

		assertThat(first.items()).as("what 20 summaries of 300 newer traces hold").isEmpty();
		assertThat(first.nextCursor()).as("where the scan stopped").isNotNull();
		assertThat(listed).containsExactly(listed(needle));
		assertThat(pages).as("pages of at most about 20 summaries each, over %d traces", traces.size() + 1)
			.hasSizeGreaterThan(5);
	}

	@Test
	void cursorPaginationWithASmallScanLimitHasNoDuplicatesAndNoGaps() {
		List<Trace> traces = new ArrayList<>(storeVariety(200, 4));
		for (int day = 0; day < 4; day++) {
			// ids that carry no time are read whole on each visit of their day
			Trace untimed = TestTraces.builder(DAY.minus(day, ChronoUnit.DAYS).plusSeconds(3600 + day))
				.id(TraceId.parse(UUID.randomUUID().toString()))
				.status(500 + day)
				.build();
			this.storage.store(untimed);
			traces.add(untimed);
		}

		List<TraceSummary> fiveHundreds = listAll(TraceQuery.builder().limit(3).status(StatusFilter.series(5)).scanLimit(7));
		List<TraceSummary> everything = listAll(TraceQuery.builder().limit(10).scanLimit(4));

		assertThat(fiveHundreds).isNotEmpty()
			.doesNotHaveDuplicates()
			.containsExactlyElementsOf(expected(traces, (trace) -> trace.response().status() >= 500));
		assertThat(everything).doesNotHaveDuplicates().containsExactlyElementsOf(expected(traces, (trace) -> true));
	}

	@Test
	void deleteReturnsTrueThenFalseAndTheTraceIsGone() {
		Trace kept = TestTraces.trace(DAY.plusSeconds(10));
		Trace deleted = TestTraces.full(DAY.plusSeconds(20), this.attachmentDir);
		this.storage.store(kept);
		this.storage.store(deleted);

		assertThat(this.storage.delete(deleted.id())).isTrue();
		assertThat(this.storage.delete(deleted.id())).isFalse();
		assertThat(this.storage.delete(TraceId.create(DAY))).isFalse();

		assertThat(this.storage.retrieve(deleted.id())).isEmpty();
		assertThat(this.storage.openAttachment(deleted.id(), "request-body")).isEmpty();
		assertThat(listAll(TraceQuery.builder())).containsExactly(listed(kept));
		assertThat(this.storage.retrieve(kept.id())).contains(kept);
	}

	@Test
	void purgeDeletesTheDaysBeforeTheCutoffsDayAndSaysWhichKeepingTheCutoffsDayWhole() {
		List<Trace> old = new ArrayList<>();
		List<Trace> recent = new ArrayList<>();
		for (int day = -3; day <= 1; day++) {
			Instant noon = DAY.plus(day, ChronoUnit.DAYS).plus(12, ChronoUnit.HOURS);
			List<Trace> bucket = (day < 0) ? old : recent;
			bucket.add(TestTraces.trace(noon));
			bucket.add(TestTraces.trace(noon.plusSeconds(60), 500));
		}
		old.add(TestTraces.trace(DAY.minusMillis(1)));
		// older than the cutoff, but of the cutoff's day: it stays with its day
		recent.add(TestTraces.trace(DAY.plus(1, ChronoUnit.HOURS)));
		old.forEach(this.storage::store);
		recent.forEach(this.storage::store);

		PurgeResult purged = this.storage.purgeOlderThan(DAY.plus(6, ChronoUnit.HOURS));

		assertThat(purged.days()).as("the days deleted")
			.containsExactly(TraceLayout.dayOf(DAY.minus(3, ChronoUnit.DAYS)), TraceLayout.dayOf(DAY.minus(2, ChronoUnit.DAYS)),
					TraceLayout.dayOf(DAY.minus(1, ChronoUnit.DAYS)));
		assertThat(purged.traces()).as("the traces deleted, when the backend counts them")
			.satisfiesAnyOf((traces) -> assertThat(traces).isNull(),
					(traces) -> assertThat(traces).isEqualTo((long) old.size()));
		assertThat(listAll(TraceQuery.builder())).containsExactlyElementsOf(expected(recent, (trace) -> true));
		old.forEach((trace) -> assertThat(this.storage.retrieve(trace.id())).isEmpty());
		recent.forEach((trace) -> assertThat(this.storage.retrieve(trace.id())).contains(trace));
		PurgeResult again = this.storage.purgeOlderThan(DAY.plus(6, ChronoUnit.HOURS));
		assertThat(again.days()).isEmpty();
		assertThat(again.traces()).isIn(null, 0L);
		assertThat(again.isEmpty()).isTrue();
	}

	@Test
	void checkIsUpWithDetailsAndWritesNothing() throws Exception {
		Trace trace = TestTraces.trace(DAY.plusSeconds(30));
		this.storage.store(trace);
		List<byte[]> before = storedBytes().pieces();

		StorageCheck check = this.storage.check();

		assertThat(check.up()).isTrue();
		assertThat(check.reason()).isNull();
		assertThat(check.details()).isNotEmpty();
		assertThat(storedBytes().pieces()).as("what is stored after a check").hasSameSizeAs(before);
		assertThat(listAll(TraceQuery.builder())).containsExactly(listed(trace));
	}

	@Test
	void probeWritesReadsAndDeletesLeavingNothingBehind() throws Exception {
		Trace trace = TestTraces.trace(DAY.plusSeconds(30));
		this.storage.store(trace);
		List<byte[]> before = storedBytes().pieces();

		StorageCheck probe = this.storage.probe();

		assertThat(probe.up()).isTrue();
		assertThat(probe.reason()).isNull();
		assertThat(storedBytes().pieces()).as("what is stored after a probe").hasSameSizeAs(before);
		assertThat(listAll(TraceQuery.builder())).containsExactly(listed(trace));
	}

	@Test
	void describesItself() {
		StorageDescription description = this.storage.description();

		assertThat(description.type()).isNotBlank();
		assertThat(description.location()).isNotNull();
		assertThat(this.storage.toString()).isNotBlank();
	}

	@Test
	void storingTheSameIdTwiceKeepsOneTraceTheLatest() {
		Trace first = TestTraces.trace(DAY.plusSeconds(30));
		Trace second = TestTraces.builder(first.startTime()).id(first.id()).status(503).path("/api/retry").build();

		this.storage.store(first);
		this.storage.store(second);

		assertThat(this.storage.retrieve(first.id())).contains(second);
		assertThat(listAll(TraceQuery.builder())).containsExactly(listed(second));
	}

	/**
	 * Stores traces of varied methods, paths, statuses and durations, spread over the last
	 * {@code days} days up to {@link #DAY} plus one; some share a start time exactly and some
	 * a millisecond, so that ties are ordered by id.
	 * @param count how many
	 * @param days over how many days
	 * @return the traces stored
	 */
	protected List<Trace> storeVariety(int count, int days) {
		Random random = new Random(count * 31L + days);
		String[] methods = { "GET", "GET", "POST", "PUT", "DELETE" };
		String[] paths = { "/api/orders", "/api/orders/42", "/api/orders/42/items", "/api/customers/7", "/health" };
		int[] statuses = { 200, 200, 201, 204, 302, 400, 404, 409, 500, 503 };
		Instant earliest = DAY.minus(days - 1, ChronoUnit.DAYS);
		long span = Duration.ofDays(days).toNanos() / 1000;
		List<Trace> traces = new ArrayList<>();
		Instant previous = earliest;
		for (int i = 0; i < count; i++) {
			Instant start;
			if (i % 10 == 9) {
				start = previous;
			}
			else if (i % 10 == 4) {
				start = previous.truncatedTo(ChronoUnit.MILLIS).plusNanos(random.nextInt(1000) * 1000L);
			}
			else {
				start = earliest.plusNanos((random.nextLong() & Long.MAX_VALUE) % span * 1000);
			}
			previous = start;
			TestTraces.Builder builder = TestTraces.builder(start)
				.method(methods[random.nextInt(methods.length)])
				.path(paths[random.nextInt(paths.length)])
				.status(statuses[random.nextInt(statuses.length)])
				.duration(Duration.ofNanos(random.nextInt(500_000) * 1000L));
			// some replays, calls to itself and generated-test runs among ordinary requests
			if (!traces.isEmpty() && i % 5 == 2) {
				TraceOrigin origin = ORIGINS.get((i / 5) % ORIGINS.size());
				builder.origin(origin, traces.get(random.nextInt(traces.size())).id());
			}
			Trace trace = builder.build();
			this.storage.store(trace);
			traces.add(trace);
		}
		return traces;
	}

	/**
	 * Follows cursors until the listing ends.
	 * @param query the query without a cursor
	 * @return every summary listed, in order
	 */
	protected List<TraceSummary> listAll(TraceQuery.Builder query) {
		return listAll(query, new ArrayList<>());
	}

	/**
	 * Follows cursors until the listing ends.
	 * @param query the query without a cursor
	 * @param pages receives every page listed
	 * @return every summary listed, in order
	 */
	protected List<TraceSummary> listAll(TraceQuery.Builder query, List<TracePage> pages) {
		List<TraceSummary> all = new ArrayList<>();
		Set<String> cursors = new HashSet<>();
		String cursor = null;
		do {
			TracePage page = this.storage.list(query.cursor(cursor).build());
			pages.add(page);
			assertThat(page.items().size()).isLessThanOrEqualTo(query.build().limit());
			all.addAll(page.items());
			cursor = page.nextCursor();
			assertThat(cursor == null || cursors.add(cursor)).as("cursor %s repeats", cursor).isTrue();
		}
		while (cursor != null);
		return all;
	}

	/**
	 * The summaries a listing must show, computed without the storage.
	 * @param traces the traces stored
	 * @param filter what the query asks for
	 * @return the summaries of the traces that pass, newest first
	 */
	protected List<TraceSummary> expected(List<Trace> traces, Predicate<Trace> filter) {
		return traces.stream()
			.filter(filter)
			.map(this::listed)
			.sorted(Comparator.comparing(TraceSummary::startTime).thenComparing(TraceSummary::id).reversed())
			.toList();
	}

	/**
	 * The summary a listing shows of a stored trace: its {@link Trace#summary()}, unless the
	 * backend keeps less of it in clear (encryption).
	 * @param trace the trace stored
	 * @return the summary the listing must show
	 */
	protected TraceSummary listed(Trace trace) {
		return trace.summary();
	}

	/**
	 * Reads an attachment back through the storage.
	 * @param id the trace id
	 * @param name the attachment name
	 * @return its content, or empty when the storage has none
	 * @throws IOException when reading fails
	 */
	protected Optional<byte[]> readAttachment(TraceId id, String name) throws IOException {
		Optional<InputStream> content = this.storage.openAttachment(id, name);
		if (content.isEmpty()) {
			return Optional.empty();
		}
		try (InputStream in = content.get()) {
			return Optional.of(in.readAllBytes());
		}
	}

	private static byte[] readFile(Path file) {
		try {
			return Files.readAllBytes(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
