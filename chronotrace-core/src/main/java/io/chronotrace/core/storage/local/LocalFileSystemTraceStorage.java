package io.chronotrace.core.storage.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

import io.chronotrace.core.compress.Compression;
import io.chronotrace.core.storage.LayoutMismatchException;
import io.chronotrace.core.storage.PurgeResult;
import io.chronotrace.core.storage.StorageCheck;
import io.chronotrace.core.storage.StorageDescription;
import io.chronotrace.core.storage.TraceLayout;
import io.chronotrace.core.storage.TracePage;
import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.TraceStorageException;
import io.chronotrace.core.storage.UnusableLocationException;
import io.chronotrace.core.storage.segment.SegmentFiles;
import io.chronotrace.core.support.AttachmentStream;
import io.chronotrace.core.support.Failures;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps traces in a local directory ({@code chronotrace.storage=local}, the default), in the
 * layout of {@link TraceLayout}:
 * <pre>
 * {root}/{yyyy-MM-dd}/{traceId}/trace.json[.gz]
 * {root}/{yyyy-MM-dd}/{traceId}/metadata.json
 * {root}/{yyyy-MM-dd}/{traceId}/{attachment}[.gz]
 * </pre>
 * A trace folder appears in one atomic rename once all its files are written, and disappears
 * in one rename before it is deleted, so a process killed at any moment leaves no half trace
 * for a reader to choke on; the hidden work entries it may leave under the root are deleted
 * once stale, at start-up and on each purge. Files are not forced to disk (see
 * {@link TraceFolderWriter}). Attachments are streamed, never held in memory.
 * <p>
 * Listings read only {@code metadata.json} files, only of the days the query can match, and
 * stop early within a day (see {@link TraceLister}). Purging deletes whole days. Corrupt or
 * foreign files are skipped with one warning each. Thread-safe, also across processes sharing
 * the directory.
 */
public final class LocalFileSystemTraceStorage implements TraceStorage {

	private static final Logger logger = LoggerFactory.getLogger(LocalFileSystemTraceStorage.class);

	private final Path root;

	private final Compression compression;

	private final LocalTree tree;

	private final TraceFolderWriter writer;

	private final TraceFolderReader reader;

	private final TraceLister lister;

	/**
	 * Creates a storage, creating its directory when missing.
	 * @param root the directory; relative paths are resolved against the working directory
	 * @param compression whether and how to gzip traces and attachments
	 * @throws TraceStorageException when the directory cannot be created or written
	 */
	public LocalFileSystemTraceStorage(Path root, Compression compression) {
		this(root, compression, logger::warn);
	}

	LocalFileSystemTraceStorage(Path root, Compression compression, Consumer<String> warnings) {
		this.root = root.toAbsolutePath().normalize();
		this.compression = compression;
		this.tree = new LocalTree(this.root, new Warnings(warnings));
		this.writer = new TraceFolderWriter(this.tree, compression);
		this.reader = new TraceFolderReader(this.tree.warnings());
		this.lister = new TraceLister(this.tree);
		if (SegmentFiles.isSegmentLayout(this.root)) {
			throw new LayoutMismatchException(this.root.toString(), "segments", "folders", "");
		}
		try {
			Files.createDirectories(this.root);
			writeProbe();
		}
		catch (IOException ex) {
			throw new UnusableLocationException(this.root.toString(),
					"local trace storage directory " + this.root + " is not writable: " + Failures.oneLine(ex), false, ex);
		}
		this.tree.deleteStaleWorkEntries();
	}

	@Override
	public long store(Trace trace) {
		checkStorable(trace);
		try {
			return this.writer.write(trace);
		}
		catch (IOException | RuntimeException ex) {
			throw failure("store trace " + trace.id(), ex);
		}
	}

	/** Rejects what would break the layout ({@link TraceLayout#unstorableReason(Trace)}). */
	private void checkStorable(Trace trace) {
		Optional<String> unstorable = TraceLayout.unstorableReason(trace);
		if (unstorable.isPresent()) {
			throw new TraceStorageException("local trace storage " + this.root + " cannot store trace " + trace.id()
					+ ": " + unstorable.get(), null);
		}
	}

	@Override
	public Optional<Trace> retrieve(TraceId id) {
		return find(id).flatMap((folder) -> this.reader.readTrace(folder, id));
	}

	@Override
	public TracePage list(TraceQuery query) {
		try {
			return this.lister.list(query);
		}
		catch (IOException ex) {
			throw failure("list traces", ex);
		}
	}

	@Override
	public boolean delete(TraceId id) {
		Optional<Path> folder = find(id);
		try {
			return folder.isPresent() && this.tree.discard(folder.get(), "del");
		}
		catch (IOException ex) {
			throw failure("delete trace " + id, ex);
		}
	}

	@Override
	public PurgeResult purgeOlderThan(Instant cutoff) {
		LocalDate firstKept = TraceLayout.dayOf(cutoff);
		List<LocalDate> days = new ArrayList<>();
		long purged = 0;
		try {
			for (LocalTree.Day day : this.tree.days()) {
				if (!day.date().isBefore(firstKept)) {
					break;
				}
				long traces = purgeDay(day);
				if (traces >= 0) {
					days.add(day.date());
					purged += traces;
				}
			}
		}
		catch (IOException ex) {
			throw failure("purge traces older than " + cutoff, ex);
		}
		this.tree.deleteStaleWorkEntries();
		return PurgeResult.of(purged, days);
	}

	/** Deletes a day; returns its traces, or -1 when someone else deleted it meanwhile. */
	private long purgeDay(LocalTree.Day day) throws IOException {
		Path hidden = this.tree.workEntry("purge", day.folder().getFileName().toString());
		try {
			Files.move(day.folder(), hidden, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (NoSuchFileException ex) {
			return -1;
		}
		long traces = 0;
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(hidden,
				(entry) -> TraceId.isValid(entry.getFileName().toString()))) {
			for (Path ignored : entries) {
				traces++;
			}
		}
		this.tree.deleteQuietly(hidden);
		return traces;
	}

	/** The directory exists and is writable; its free space is a detail. */
	@Override
	public StorageCheck check() {
		if (!Files.isDirectory(this.root) || !Files.isWritable(this.root)) {
			return StorageCheck.down("directory " + this.root + " is " + (Files.isDirectory(this.root) ? "not writable"
					: "missing")).withDetail("path", this.root.toString());
		}
		return withFreeSpace(StorageCheck.ok().withDetail("path", this.root.toString()));
	}

	/** Writes, reads back and deletes a small file in a hidden folder under the root. */
	@Override
	public StorageCheck probe() {
		try {
			writeProbe();
			return withFreeSpace(StorageCheck.ok().withDetail("path", this.root.toString()));
		}
		catch (IOException | RuntimeException ex) {
			return StorageCheck.down("directory " + this.root + " is not writable: " + Failures.oneLine(ex))
				.withDetail("path", this.root.toString());
		}
	}

	private StorageCheck withFreeSpace(StorageCheck check) {
		try {
			return check.withDetail("freeSpace", Files.getFileStore(this.root).getUsableSpace());
		}
		catch (IOException ex) {
			return check;
		}
	}

	private void writeProbe() throws IOException {
		Path folder = this.tree.workEntry("probe", "check");
		byte[] content = ("chronotrace probe " + Instant.now()).getBytes(StandardCharsets.UTF_8);
		try {
			Files.createDirectory(folder);
			Path file = Files.write(folder.resolve("probe"), content);
			if (!Arrays.equals(Files.readAllBytes(file), content)) {
				throw new IOException("a file read back differs from what was written");
			}
		}
		finally {
			this.tree.deleteQuietly(folder);
		}
	}

	@Override
	public Optional<InputStream> openAttachment(TraceId id, String name) {
		if (!TraceLayout.isAttachmentName(name)) {
			return Optional.empty();
		}
		return AttachmentStream.of(find(id).flatMap((folder) -> this.reader.openAttachment(folder, name)), id, name,
				"local");
	}

	@Override
	public SortedMap<LocalDate, Long> sizeByDay() {
		SortedMap<LocalDate, Long> sizes = new TreeMap<>();
		try {
			for (LocalTree.Day day : this.tree.days()) {
				sizes.put(day.date(), LocalTree.size(day.folder()));
			}
		}
		catch (IOException ex) {
			throw failure("measure its size", ex);
		}
		return sizes;
	}

	@Override
	public StorageDescription description() {
		return new StorageDescription("local", this.root.toString());
	}

	@Override
	public String toString() {
		return "LocalFileSystemTraceStorage{root=" + this.root + ", compression="
				+ (this.compression.enabled() ? "gzip level " + this.compression.level() : "none") + "}";
	}

	/**
	 * How many {@code metadata.json} files listings have read.
	 * @return the count
	 */
	long metadataReads() {
		return this.lister.metadataReads();
	}

	private Optional<Path> find(TraceId id) {
		try {
			return this.tree.find(id);
		}
		catch (IOException ex) {
			throw failure("look up trace " + id, ex);
		}
	}

	private TraceStorageException failure(String action, Exception ex) {
		return new TraceStorageException(
				"local trace storage " + this.root + " could not " + action + ": " + Failures.oneLine(ex), ex);
	}

}
