package io.chronotrace.core.storage.folder;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

import io.chronotrace.core.compress.Compression;
import io.chronotrace.core.storage.PageCollector;
import io.chronotrace.core.storage.PurgeResult;
import io.chronotrace.core.storage.StorageCheck;
import io.chronotrace.core.storage.StorageDescription;
import io.chronotrace.core.storage.TraceLayout;
import io.chronotrace.core.storage.TracePage;
import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.TraceStorageException;
import io.chronotrace.core.storage.objectstore.ObjectStore;
import io.chronotrace.core.storage.objectstore.ObjectStore.Write;
import io.chronotrace.core.support.AttachmentStream;
import io.chronotrace.core.support.Failures;
import io.chronotrace.core.support.RateLimitedLog;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceAttachment;
import io.chronotrace.core.trace.TraceCodec;
import io.chronotrace.core.trace.TraceFormatException;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.trace.TraceSummary;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folder layout of {@link TraceLayout}, over any {@link ObjectStore}:
 * <pre>
 * {yyyy-MM-dd}/{traceId}/trace.json[.gz]
 * {yyyy-MM-dd}/{traceId}/metadata.json
 * {yyyy-MM-dd}/{traceId}/{attachment}[.gz]
 * </pre>
 * A trace's attachments are written first, then {@code trace.json}, then {@code metadata.json},
 * so that a listing (which reads only {@code metadata.json}) never shows a trace that cannot be
 * read; a store on a file system publishes a new trace's folder in one rename. Attachments are
 * streamed, never held in memory.
 * <p>
 * Listings read only {@code metadata.json} objects, only of the days the query can reach, newest
 * millisecond first within a day, and stop as soon as the page is complete
 * ({@link PageCollector}). Purging deletes whole days. Corrupt or foreign entries are skipped
 * with one warning each.
 */
public class FolderTraceStorage implements TraceStorage {

	private static final Logger logger = LoggerFactory.getLogger(FolderTraceStorage.class);

	private static final int BUFFER_SIZE = 64 * 1024;

	private final ObjectStore store;

	private final Compression compression;

	private final String type;

	private final RateLimitedLog skipped;

	private final AtomicLong summaryReads = new AtomicLong();

	/**
	 * Creates a storage over a store.
	 * @param store where the folders are
	 * @param compression whether and how to gzip traces and attachments
	 */
	public FolderTraceStorage(ObjectStore store, Compression compression) {
		this(store, compression, logger::warn);
	}

	/**
	 * Creates a storage that tells what it skips to a sink of its own.
	 * @param store where the folders are
	 * @param compression whether and how to gzip traces and attachments
	 * @param warnings where warnings go, each entry once
	 */
	protected FolderTraceStorage(ObjectStore store, Compression compression, Consumer<String> warnings) {
		this.store = store;
		this.compression = compression;
		this.type = store.description().type();
		this.skipped = RateLimitedLog.oncePerKey(warnings);
	}

	/**
	 * The store the folders are in.
	 * @return the store
	 */
	protected final ObjectStore store() {
		return this.store;
	}

	@Override
	public long store(Trace trace) {
		Optional<String> unstorable = TraceLayout.unstorableReason(trace);
		if (unstorable.isPresent()) {
			throw new TraceStorageException(this.type + " trace storage " + this.store.locate("")
					+ " cannot store trace " + trace.id() + ": " + unstorable.get(), null, false);
		}
		boolean compressed = this.compression.enabled();
		String folder = folder(TraceLayout.dayOf(trace.startTime()), trace.id());
		List<Write> writes = new ArrayList<>(trace.attachments().size() + 2);
		for (TraceAttachment attachment : trace.attachments()) {
			writes.add(Write.of(folder + TraceLayout.attachmentFile(attachment.name(), compressed),
					(out) -> writeAttachment(attachment, out)));
		}
		// small documents, built in memory: one write each, which is what a trace costs most of all
		writes.add(Write.of(folder + TraceLayout.traceFile(compressed),
				this.compression.compress(TraceCodec.get().toBytes(trace))));
		writes.add(Write.of(folder + TraceLayout.METADATA_FILE, TraceCodec.get().toBytes(trace.summary())));
		try {
			return this.store.putAll(writes);
		}
		catch (TraceStorageException ex) {
			throw failure("store trace " + trace.id(), ex);
		}
	}

	/** Streams an attachment, which may be large, through the compression. */
	private void writeAttachment(TraceAttachment attachment, OutputStream out) throws IOException {
		try (InputStream in = Files.newInputStream(attachment.file())) {
			OutputStream target = this.compression.compress(out);
			in.transferTo(target);
			if (target instanceof GZIPOutputStream gzip) {
				gzip.finish();
			}
		}
	}

	@Override
	public Optional<Trace> retrieve(TraceId id) {
		Optional<String> folder = locate(id);
		if (folder.isEmpty()) {
			return Optional.empty();
		}
		boolean compressed = this.compression.enabled();
		for (String file : List.of(TraceLayout.traceFile(compressed), TraceLayout.traceFile(!compressed))) {
			String key = folder.get() + file;
			Optional<InputStream> content = get(key, "read trace " + id);
			if (content.isEmpty()) {
				continue;
			}
			try (InputStream in = Compression.decompress(content.get())) {
				Trace trace = TraceCodec.get().readTrace(in);
				if (!trace.id().equals(id)) {
					skip(key, "it holds another trace, " + trace.id());
					return Optional.empty();
				}
				return Optional.of(trace);
			}
			catch (TraceFormatException | ZipException | EOFException ex) {
				skip(key, "cannot be read: " + Failures.oneLine(ex));
				return Optional.empty();
			}
			catch (IOException ex) {
				throw failure("read trace " + id, ex, true);
			}
		}
		return Optional.empty();
	}

	@Override
	public TracePage list(TraceQuery query) {
		PageCollector page = new PageCollector(query);
		try {
			List<LocalDate> days = new ArrayList<>(days());
			Collections.reverse(days);
			return page.walkDays(days, (day) -> day, (day) -> collectDay(day, page));
		}
		catch (TraceStorageException ex) {
			throw failure("list traces", ex);
		}
	}

	private void collectDay(LocalDate day, PageCollector page) {
		String dayFolder = TraceLayout.dayFolder(day) + "/";
		List<TraceId> ids = new ArrayList<>();
		for (String name : this.store.children(dayFolder)) {
			String bare = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
			if (name.endsWith("/") && TraceId.isValid(bare) && TraceId.parse(bare).toString().equals(bare)) {
				ids.add(TraceId.parse(bare));
			}
			else {
				skip(dayFolder + bare, "not a trace folder (named by a trace id)");
			}
		}
		page.collectDay(ids, (id) -> readSummary(day, id));
	}

	private Optional<TraceSummary> readSummary(LocalDate day, TraceId id) {
		String key = folder(day, id) + TraceLayout.METADATA_FILE;
		this.summaryReads.incrementAndGet();
		Optional<InputStream> content = get(key, "read the summary of trace " + id);
		if (content.isEmpty()) {
			// a trace being written, or one whose writing stopped half-way
			return Optional.empty();
		}
		TraceSummary summary;
		try (InputStream in = Compression.decompress(content.get())) {
			summary = TraceCodec.get().readSummary(in);
		}
		catch (TraceFormatException | ZipException | EOFException ex) {
			skip(key, "cannot be read: " + Failures.oneLine(ex));
			return Optional.empty();
		}
		catch (IOException ex) {
			throw failure("read the summary of trace " + id, ex, true);
		}
		String misfiled = misfiled(summary, day, id);
		if (misfiled != null) {
			skip(key, misfiled);
			return Optional.empty();
		}
		return Optional.of(summary);
	}

	private static @Nullable String misfiled(TraceSummary summary, LocalDate day, TraceId id) {
		if (!summary.id().equals(id)) {
			return "it describes another trace, " + summary.id();
		}
		if (!TraceLayout.dayOf(summary.startTime()).equals(day)) {
			return "the trace started on another day, " + summary.startTime();
		}
		Optional<Instant> idTime = id.timestamp();
		if (idTime.isPresent() && idTime.get().toEpochMilli() != summary.startTime().toEpochMilli()) {
			return "the trace started at " + summary.startTime() + " but its id was made for " + idTime.get();
		}
		return null;
	}

	@Override
	public boolean delete(TraceId id) {
		try {
			Optional<String> folder = locate(id);
			long[] deleted = new long[1];
			if (folder.isPresent()) {
				this.store.deleteAll(folder.get(), (key) -> deleted[0]++);
			}
			return deleted[0] > 0;
		}
		catch (TraceStorageException ex) {
			throw failure("delete trace " + id, ex);
		}
	}

	@Override
	public PurgeResult purgeOlderThan(Instant cutoff) {
		LocalDate firstKept = TraceLayout.dayOf(cutoff);
		long[] traces = new long[1];
		List<LocalDate> purged = new ArrayList<>();
		List<String> failures = new ArrayList<>();
		try {
			for (LocalDate day : days()) {
				if (!day.isBefore(firstKept)) {
					break;
				}
				failures.addAll(this.store.deleteAll(TraceLayout.dayFolder(day) + "/", (key) -> {
					if (key.endsWith("/" + TraceLayout.METADATA_FILE)) {
						traces[0]++;
					}
				}));
				purged.add(day);
			}
		}
		catch (TraceStorageException ex) {
			throw failure("purge traces older than " + cutoff, ex);
		}
		if (!failures.isEmpty()) {
			throw new TraceStorageException(this.type + " trace storage " + this.store.locate("") + " purged "
					+ traces[0] + " traces but could not delete " + failures.size() + " objects; first: " + failures.get(0),
					null, false);
		}
		return PurgeResult.of(traces[0], purged);
	}

	@Override
	public StorageCheck check() {
		return this.store.check();
	}

	/** Writes, reads back and deletes a small hidden object beside the day folders. */
	@Override
	public StorageCheck probe() {
		try {
			this.store.writeProbe();
		}
		catch (IOException | RuntimeException ex) {
			Throwable cause = (ex instanceof TraceStorageException && ex.getCause() != null) ? ex.getCause() : ex;
			return StorageCheck.down(this.type + " trace storage " + this.store.locate("") + " is not writable: "
					+ Failures.oneLine(cause)).withDetails(this.store.check().details());
		}
		return check();
	}

	@Override
	public Optional<InputStream> openAttachment(TraceId id, String name) {
		if (!TraceLayout.isAttachmentName(name)) {
			return Optional.empty();
		}
		Optional<String> folder = locate(id);
		if (folder.isEmpty()) {
			return Optional.empty();
		}
		try {
			// the trace's compression decides, not the content: a stored body may well be gzip data
			boolean compressed = this.store.exists(folder.get() + TraceLayout.COMPRESSED_TRACE_FILE);
			String key = folder.get() + TraceLayout.attachmentFile(name, compressed);
			Optional<InputStream> content = this.store.get(key);
			return AttachmentStream.of(compressed ? content.map(this::gunzip) : content, id, name, this.type);
		}
		catch (TraceStorageException ex) {
			throw failure("read attachment " + name + " of trace " + id, ex);
		}
	}

	private InputStream gunzip(InputStream in) {
		BufferedInputStream buffered = new BufferedInputStream(in, BUFFER_SIZE);
		try {
			return new GZIPInputStream(buffered, BUFFER_SIZE);
		}
		catch (IOException ex) {
			try {
				buffered.close();
			}
			catch (IOException closing) {
				ex.addSuppressed(closing);
			}
			throw failure("read a compressed attachment", ex, false);
		}
	}

	@Override
	public SortedMap<LocalDate, Long> sizeByDay() {
		SortedMap<LocalDate, Long> sizes = new TreeMap<>();
		try {
			for (LocalDate day : days()) {
				sizes.put(day, this.store.list(TraceLayout.dayFolder(day) + "/")
					.stream()
					.mapToLong(ObjectStore.ObjectInfo::size)
					.sum());
			}
		}
		catch (TraceStorageException ex) {
			throw failure("measure its size", ex);
		}
		return sizes;
	}

	@Override
	public StorageDescription description() {
		return this.store.description();
	}

	@Override
	public String toString() {
		return "FolderTraceStorage{" + this.store + ", compression="
				+ (this.compression.enabled() ? "gzip level " + this.compression.level() : "none") + "}";
	}

	/**
	 * How many {@code metadata.json} objects listings have read, for tests of the read bound.
	 * @return the count
	 */
	protected final long summaryReads() {
		return this.summaryReads.get();
	}

	/** The days, oldest first; other entries of the root are skipped with a warning. */
	private List<LocalDate> days() {
		List<LocalDate> days = new ArrayList<>();
		for (String name : this.store.children("")) {
			String bare = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
			Optional<LocalDate> day = TraceLayout.parseDay(bare).filter((date) -> TraceLayout.dayFolder(date).equals(bare));
			if (name.endsWith("/") && day.isPresent()) {
				days.add(day.get());
			}
			else {
				skip(bare, "not a day folder (yyyy-MM-dd)");
			}
		}
		days.sort(null);
		return days;
	}

	/**
	 * The folder of a trace: in the day its id gives when the id is time-ordered (traces are filed
	 * by their start, which such ids are made from), otherwise in the newest day that has it.
	 */
	private Optional<String> locate(TraceId id) {
		Optional<LocalDate> day = TraceLayout.dayOf(id);
		if (day.isPresent()) {
			return Optional.of(folder(day.get(), id));
		}
		try {
			List<LocalDate> days = days();
			for (int i = days.size() - 1; i >= 0; i--) {
				String folder = folder(days.get(i), id);
				if (!this.store.list(folder).isEmpty()) {
					return Optional.of(folder);
				}
			}
			return Optional.empty();
		}
		catch (TraceStorageException ex) {
			throw failure("look up trace " + id, ex);
		}
	}

	private Optional<InputStream> get(String key, String action) {
		try {
			return this.store.get(key);
		}
		catch (TraceStorageException ex) {
			throw failure(action, ex);
		}
	}

	private static String folder(LocalDate day, TraceId id) {
		return TraceLayout.traceFolder(day, id) + "/";
	}

	private void skip(String key, String reason) {
		this.skipped.warnOnce(key, () -> "Skipping " + this.store.locate(key) + " in " + this.type + " trace storage: "
				+ reason);
	}

	private TraceStorageException failure(String action, TraceStorageException ex) {
		return new TraceStorageException(this.type + " trace storage " + this.store.locate("") + " could not " + action
				+ ": " + ex.getMessage(), ex, ex.isRetryable());
	}

	private TraceStorageException failure(String action, Exception ex, boolean retryable) {
		return new TraceStorageException(this.type + " trace storage " + this.store.locate("") + " could not " + action
				+ ": " + Failures.oneLine(ex), ex, retryable);
	}

}
