package io.chronotrace.core.storage.segment;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import io.chronotrace.core.storage.TraceLayout;
import io.chronotrace.core.trace.TraceId;
import org.jspecify.annotations.Nullable;

/**
 * The indexes of a segment storage: sealed segments' parsed and cached (bounded), open
 * segments' from memory; finds the newest version of an id.
 */
final class SegmentIndexes {

	private final SegmentDirectory directory;

	/** Open segments by {@code day/base}, for readers. */
	private final Map<String, OpenSegment> openSegments = new ConcurrentHashMap<>();

	private final IndexTableCache cache;

	/**
	 * Each day's segment names as last listed: the writer needs them for every batch and a
	 * look-up for every read, and listing a folder of a busy day costs far more than the one
	 * {@code stat} that tells whether it changed.
	 */
	private final Map<LocalDate, Listing> listings = new ConcurrentHashMap<>();

	/**
	 * Counts this process's changes to day folders: a listing taken before one is not used
	 * again, even when the folder's time did not move (its resolution may be coarse).
	 */
	private final AtomicLong changes = new AtomicLong();

	private final boolean cacheListings;

	/**
	 * The ids of the segments sealed last, by {@code day/base}, the oldest dropped first: a
	 * request that started before a seal and ended after it has an id in the sealed segment's
	 * range, and checking it against the segment's parsed index would read and keep a whole
	 * index on the writer thread at almost every seal.
	 */
	private final Map<String, IdSet> recentlySealed = new LinkedHashMap<>();

	/** How many sealed segments' ids {@link #recentlySealed} keeps. */
	static final int RECENTLY_SEALED = 4;

	/**
	 * Creates the indexes of a storage.
	 * @param directory the storage's directory
	 * @param cachedEntries the most index entries of sealed segments kept parsed
	 * @param cacheListings whether day listings may be reused: only for the process that holds
	 * the directory's lock, which sees every change it makes
	 */
	SegmentIndexes(SegmentDirectory directory, int cachedEntries, boolean cacheListings) {
		this.directory = directory;
		this.cache = new IndexTableCache(cachedEntries);
		this.cacheListings = cacheListings;
	}

	void opened(OpenSegment segment) {
		this.openSegments.put(SegmentDirectory.key(segment.day, segment.base), segment);
		changed();
	}

	void closed(OpenSegment segment) {
		this.openSegments.remove(SegmentDirectory.key(segment.day, segment.base));
		changed();
	}

	/** Segment files were added, renamed or removed: list the days again. */
	void changed() {
		this.changes.incrementAndGet();
	}

	/**
	 * A segment was sealed: its id range is noted, so that the writer's duplicate checks skip
	 * it for ids it cannot hold without reading its index. The index itself is read when a
	 * listing first needs it, not parsed on the writer thread at every seal.
	 */
	void sealed(OpenSegment segment) {
		String key = SegmentDirectory.key(segment.day, segment.base);
		this.cache.noteRange(key, segment.firstIdMsb(), segment.lastIdMsb());
		synchronized (this.recentlySealed) {
			this.recentlySealed.put(key, segment.traceIds());
			var eldest = this.recentlySealed.keySet().iterator();
			while (this.recentlySealed.size() > RECENTLY_SEALED) {
				eldest.next();
				eldest.remove();
			}
		}
	}

	private @Nullable IdSet recentlySealed(String key) {
		synchronized (this.recentlySealed) {
			return this.recentlySealed.get(key);
		}
	}

	void forgetDay(LocalDate day) {
		changed();
		this.listings.remove(day);
		String folder = TraceLayout.dayFolder(day);
		this.cache.removeDay(folder);
		synchronized (this.recentlySealed) {
			this.recentlySealed.keySet().removeIf((key) -> key.startsWith(folder + "/"));
		}
	}

	int openCount() {
		return this.openSegments.size();
	}

	/**
	 * Reads the indexes of the newest days into the cache in the background after start-up,
	 * as far as it holds them, so that the first listings and look-ups find them parsed.
	 */
	void preload(BooleanSupplier closed) {
		try {
			List<LocalDate> days = this.directory.days();
			for (int i = days.size() - 1; i >= 0 && !closed.getAsBoolean(); i--) {
				dayTables(days.get(i));
				if (this.cache.isFull()) {
					return;
				}
			}
		}
		catch (RuntimeException ex) {
			this.directory.warnOnce("preload",
					"Could not read the indexes of local trace storage " + this.directory.root() + " ahead: " + ex);
		}
	}

	/**
	 * The newest trace or tombstone of an id, if it is a trace: in the id's day for a version 7
	 * id, otherwise in every day, newest first.
	 */
	Optional<Hit> findLive(TraceId id) {
		UUID uuid = id.uuid();
		Optional<LocalDate> idDay = TraceLayout.dayOf(id);
		List<LocalDate> days = idDay.map(List::of).orElseGet(() -> {
			List<LocalDate> all = new ArrayList<>(this.directory.days());
			all.sort(Comparator.reverseOrder());
			return all;
		});
		for (LocalDate day : days) {
			DayTables tables = dayTables(day);
			IndexEntry newest = null;
			String newestBase = null;
			for (int i = 0; i < tables.tables().size(); i++) {
				IndexEntry candidate = tables.tables()
					.get(i)
					.newestVersion(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits());
				if (candidate != null && candidate.supersedes(newest)) {
					newest = candidate;
					newestBase = tables.bases().get(i);
				}
			}
			if (newest != null && newestBase != null) {
				return newest.isTrace() ? Optional.of(new Hit(day, newestBase, newest, tables)) : Optional.empty();
			}
		}
		return Optional.empty();
	}

	/**
	 * Where the newest version of a live trace is.
	 *
	 * @param day its day
	 * @param base the segment's base name
	 * @param entry the trace's entry
	 * @param tables the day's indexes, for its attachments
	 */
	record Hit(LocalDate day, String base, IndexEntry entry, DayTables tables) {
	}

	/**
	 * An index entry with the segment it points into.
	 *
	 * @param base the segment's base name
	 * @param entry the entry
	 */
	record Located(String base, IndexEntry entry) {
	}

	/**
	 * The indexes of one day: sealed segments' from the cache, open segments' from memory. The
	 * writer uses {@link WrittenIds} instead, which reads only the indexes an id can be in.
	 */
	record DayTables(List<String> bases, List<IndexTable> tables) {

		List<Located> entriesOf(long msb, long lsb) {
			List<Located> found = new ArrayList<>(2);
			for (int i = 0; i < this.tables.size(); i++) {
				for (IndexEntry entry : this.tables.get(i).lookup(msb, lsb)) {
					found.add(new Located(this.bases.get(i), entry));
				}
			}
			return found;
		}

		Map<UUID, IndexEntry> latestOfSpecials() {
			Map<UUID, IndexEntry> latest = new HashMap<>();
			for (IndexTable table : this.tables) {
				for (IndexEntry special : table.specials()) {
					latest.putIfAbsent(new UUID(special.idMsb(), special.idLsb()), special);
				}
			}
			for (UUID id : List.copyOf(latest.keySet())) {
				IndexEntry newest = null;
				for (IndexTable table : this.tables) {
					IndexEntry candidate = table.newestVersion(id.getMostSignificantBits(), id.getLeastSignificantBits());
					if (candidate != null && candidate.supersedes(newest)) {
						newest = candidate;
					}
				}
				latest.put(id, newest);
			}
			return latest;
		}

	}

	DayTables dayTables(LocalDate day) {
		List<String> bases = new ArrayList<>();
		List<IndexTable> tables = new ArrayList<>();
		for (String name : segmentNames(day)) {
			boolean isOpen = name.endsWith(SegmentFiles.OPEN_SEGMENT);
			String base = baseOf(name, isOpen);
			OpenSegment segment = isOpen ? this.openSegments.get(SegmentDirectory.key(day, base)) : null;
			bases.add(base);
			tables.add((segment != null) ? segment.table() : loadTable(day, base, isOpen));
		}
		return new DayTables(bases, tables);
	}

	/**
	 * What the writer checks a batch's ids against, to mark a trace stored again as replacing.
	 * A sealed segment's index is read only when an id falls in the range of ids the segment
	 * holds: new traces have new time-ordered ids, so once a day outgrows the index cache, this
	 * keeps every batch from reading the whole day's indexes again.
	 */
	WrittenIds writtenIds(LocalDate day) {
		List<String> bases = new ArrayList<>();
		List<Boolean> openOnDisk = new ArrayList<>();
		List<OpenSegment> open = new ArrayList<>();
		for (String name : segmentNames(day)) {
			boolean isOpen = name.endsWith(SegmentFiles.OPEN_SEGMENT);
			String base = baseOf(name, isOpen);
			OpenSegment segment = isOpen ? this.openSegments.get(SegmentDirectory.key(day, base)) : null;
			if (segment != null) {
				open.add(segment);
			}
			else {
				bases.add(base);
				openOnDisk.add(isOpen);
			}
		}
		return new WrittenIds(day, bases, openOnDisk, open);
	}

	/**
	 * The ids a day already holds, looked up lazily, segment by segment. Made once per batch:
	 * the id range of each sealed segment is fetched here, so that checking a trace costs a
	 * comparison per segment, not a key and a cache look-up.
	 */
	final class WrittenIds {

		private final LocalDate day;

		private final List<String> bases;

		private final List<Boolean> openOnDisk;

		private final List<OpenSegment> open;

		private final @Nullable IndexTable[] tables;

		private final long[] @Nullable [] ranges;

		private final @Nullable IdSet[] sealedIds;

		WrittenIds(LocalDate day, List<String> bases, List<Boolean> openOnDisk, List<OpenSegment> open) {
			this.day = day;
			this.bases = bases;
			this.openOnDisk = openOnDisk;
			this.open = open;
			this.tables = new IndexTable[bases.size()];
			this.ranges = new long[bases.size()][];
			this.sealedIds = new IdSet[bases.size()];
			for (int i = 0; i < bases.size(); i++) {
				// a segment another process is writing may grow: neither its range nor ids are final
				if (!openOnDisk.get(i)) {
					String key = SegmentDirectory.key(day, bases.get(i));
					this.ranges[i] = SegmentIndexes.this.cache.idRange(key);
					this.sealedIds[i] = recentlySealed(key);
				}
			}
		}

		boolean containsTrace(long msb, long lsb) {
			for (OpenSegment segment : this.open) {
				if (segment.containsTrace(msb, lsb)) {
					return true;
				}
			}
			for (int i = 0; i < this.tables.length; i++) {
				if (!IndexTableCache.mayHold(this.ranges[i], msb)) {
					continue;
				}
				IdSet ids = this.sealedIds[i];
				if (ids != null) {
					if (ids.contains(msb, lsb)) {
						return true;
					}
					continue;
				}
				IndexTable table = this.tables[i];
				if (table == null) {
					table = loadTable(this.day, this.bases.get(i), this.openOnDisk.get(i));
					this.tables[i] = table;
				}
				for (IndexEntry entry : table.lookup(msb, lsb)) {
					if (entry.isTrace()) {
						return true;
					}
				}
			}
			return false;
		}

	}

	/** The names of a day's segment files, sorted; none when the day has no folder. */
	private List<String> segmentNames(LocalDate day) {
		if (!this.cacheListings) {
			return listSegmentNames(day);
		}
		long changesBefore = this.changes.get();
		FileTime modified;
		try {
			modified = Files.getLastModifiedTime(this.directory.dayFolder(day));
		}
		catch (NoSuchFileException ex) {
			this.listings.remove(day);
			return List.of();
		}
		catch (IOException ex) {
			throw this.directory.failure("read day " + day, ex);
		}
		Listing listing = this.listings.get(day);
		if (listing != null && listing.changes() == changesBefore && listing.modified().equals(modified)) {
			return listing.names();
		}
		List<String> names = List.copyOf(listSegmentNames(day));
		this.listings.put(day, new Listing(changesBefore, modified, names));
		return names;
	}

	private record Listing(long changes, FileTime modified, List<String> names) {
	}

	private List<String> listSegmentNames(LocalDate day) {
		List<String> names = new ArrayList<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(this.directory.dayFolder(day),
				"*" + SegmentFiles.SEGMENT)) {
			for (Path entry : entries) {
				names.add(entry.getFileName().toString());
			}
		}
		catch (NoSuchFileException ex) {
			return List.of();
		}
		catch (IOException ex) {
			throw this.directory.failure("read day " + day, ex);
		}
		names.sort(null);
		return names;
	}

	private static String baseOf(String name, boolean isOpen) {
		return name.substring(0, name.length() - (isOpen ? SegmentFiles.OPEN_SEGMENT : SegmentFiles.SEGMENT).length());
	}

	/** A sealed segment's index, from the cache or read and checked against its segment. */
	private IndexTable loadTable(LocalDate day, String base, boolean isOpen) {
		String key = SegmentDirectory.key(day, base);
		IndexTable cached = this.cache.get(key);
		if (cached != null) {
			return cached;
		}
		Path folder = this.directory.dayFolder(day);
		Path segmentFile = folder.resolve(base + (isOpen ? SegmentFiles.OPEN_SEGMENT : SegmentFiles.SEGMENT));
		Path indexFile = folder.resolve(base + (isOpen ? SegmentFiles.OPEN_INDEX : SegmentFiles.INDEX));
		List<IndexEntry> entries = new ArrayList<>();
		try {
			long covered = readIndex(indexFile, entries);
			try (FileChannel channel = FileChannel.open(segmentFile, StandardOpenOption.READ)) {
				long size = channel.size();
				if (size > covered) {
					// frames the index does not cover: written by a process that was killed
					// before its index write, or by another process writing right now
					long end = SegmentScanner.scan(channel, Math.max(covered, SegmentFormat.HEADER_SIZE), entries::add);
					if (end < size && !isOpen) {
						this.directory.warnOnce(segmentFile.toString(), "Skipping the torn end of " + segmentFile
								+ " in local trace storage (" + (size - end) + " bytes from offset " + end + ")");
					}
				}
			}
		}
		catch (NoSuchFileException ex) {
			if (isOpen && Files.exists(folder.resolve(base + SegmentFiles.SEGMENT))) {
				return loadTable(day, base, false); // sealed meanwhile
			}
			if (!isOpen && Files.exists(folder.resolve(base + SegmentFiles.SEGMENT))) {
				this.directory.warnOnce(indexFile.toString(),
						"Skipping " + segmentFile + " in local trace storage: " + SegmentDirectory.describe(ex));
			}
			return IndexTable.EMPTY;
		}
		catch (IOException ex) {
			this.directory.warnOnce(segmentFile.toString(), "Skipping " + segmentFile
					+ " in local trace storage: it cannot be read: " + SegmentDirectory.describe(ex));
			return IndexTable.EMPTY;
		}
		IndexTable table = new IndexTable(entries);
		if (!isOpen) {
			this.cache.put(key, table);
		}
		return table;
	}

	/**
	 * Reads an index's whole frames.
	 * @return the end in the segment of the last frame the index covers
	 */
	private long readIndex(Path indexFile, List<IndexEntry> entries) throws IOException {
		byte[] bytes;
		try {
			bytes = Files.readAllBytes(indexFile);
		}
		catch (NoSuchFileException ex) {
			return SegmentFormat.HEADER_SIZE; // rebuilt from the segment
		}
		if (bytes.length < SegmentFormat.HEADER_SIZE) {
			return SegmentFormat.HEADER_SIZE;
		}
		SegmentFormat.checkHeader(bytes, SegmentFormat.INDEX_MAGIC);
		long[] covered = { SegmentFormat.HEADER_SIZE };
		IndexCodec.read(bytes, SegmentFormat.HEADER_SIZE, (entry) -> {
			entries.add(entry);
			covered[0] = Math.max(covered[0], entry.location().frameOffset() + entry.location().frameLength());
		});
		return covered[0];
	}

}
