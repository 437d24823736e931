package io.chronotrace.core.storage.s3.segment;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.chronotrace.core.storage.PageCollector;
import io.chronotrace.core.storage.TraceLayout;
import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.storage.TraceStorageException;
import io.chronotrace.core.storage.objectstore.ObjectStore;
import io.chronotrace.core.storage.segment.AttachmentFrameReader;
import io.chronotrace.core.storage.segment.IndexCodec;
import io.chronotrace.core.storage.segment.IndexEntry;
import io.chronotrace.core.storage.segment.IndexTable;
import io.chronotrace.core.storage.segment.IndexTableCache;
import io.chronotrace.core.storage.segment.NewestFirstMerge;
import io.chronotrace.core.storage.segment.SegmentFiles;
import io.chronotrace.core.storage.segment.SegmentFormat;
import io.chronotrace.core.trace.TraceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The uploaded blocks of an {@link ObjectStore}: lists days and their blocks, reads (and caches)
 * block indexes, finds and reads one trace with a ranged read of its frame, writes tombstones
 * and deletes whole days. The store's failures are thrown as they are
 * ({@link TraceStorageException}s).
 */
final class RemoteBlocks {

	private static final Logger logger = LoggerFactory.getLogger(RemoteBlocks.class);

	/** How far outside a block's range of start times a trace's id time may be: ids are made at the start. */
	private static final long ID_SLACK_MILLIS = 60_000;

	private final ObjectStore store;

	private final IndexTableCache cache;

	RemoteBlocks(ObjectStore store, int cachedEntries) {
		this.store = store;
		this.cache = new IndexTableCache(cachedEntries);
	}

	ObjectStore store() {
		return this.store;
	}

	// ---------------------------------------------------------------- days and blocks

	/**
	 * The days that have objects.
	 * @param newestFirst the order
	 * @return the days
	 */
	List<LocalDate> days(boolean newestFirst) {
		List<LocalDate> days = new ArrayList<>();
		for (String folder : this.store.children("")) {
			String name = folder.substring(0, folder.length() - 1);
			if (folder.endsWith("/")) {
				TraceLayout.parseDay(name).filter((day) -> TraceLayout.dayFolder(day).equals(name)).ifPresent(days::add);
			}
		}
		days.sort(newestFirst ? Comparator.reverseOrder() : Comparator.naturalOrder());
		return days;
	}

	/**
	 * What a day holds: its complete blocks (those whose index is uploaded) and tombstones.
	 * @param day the day
	 * @return the day's listing
	 */
	Day day(LocalDate day) {
		String prefix = BlockKey.dayPrefix(day);
		List<BlockKey> blocks = new ArrayList<>();
		Map<UUID, Long> tombstones = new HashMap<>();
		long bytes = 0;
		for (ObjectStore.ObjectInfo object : this.store.list(prefix)) {
			bytes += object.size();
			String name = object.key().substring(prefix.length());
			if (name.endsWith(SegmentFiles.INDEX)) {
				BlockKey.parseIndex(day, name).ifPresent(blocks::add);
			}
			else if (name.endsWith(BlockKey.TOMBSTONE)) {
				parseTombstone(name, tombstones);
			}
		}
		return new Day(day, blocks, tombstones, bytes);
	}

	private static void parseTombstone(String name, Map<UUID, Long> tombstones) {
		String bare = name.substring(0, name.length() - BlockKey.TOMBSTONE.length());
		int dot = bare.lastIndexOf('.');
		if (dot < 0 || !TraceId.isValid(bare.substring(0, dot))) {
			return;
		}
		try {
			tombstones.merge(UUID.fromString(bare.substring(0, dot)), Long.parseLong(bare.substring(dot + 1)), Math::max);
		}
		catch (IllegalArgumentException ex) {
			// not a tombstone of ours
		}
	}

	/**
	 * A block's index, from the cache or read from its object.
	 * @param key the block
	 * @return the index, empty when the object is gone (purged meanwhile) or unreadable
	 */
	BlockIndex index(BlockKey key) {
		String cacheKey = cacheKey(key.day(), key.base());
		IndexTable cached = this.cache.get(cacheKey);
		if (cached != null) {
			return new BlockIndex(key, cached);
		}
		String objectKey = BlockKey.dayPrefix(key.day()) + key.indexName();
		Optional<InputStream> object = this.store.get(objectKey);
		if (object.isEmpty()) {
			return new BlockIndex(key, IndexTable.EMPTY);
		}
		List<IndexEntry> entries = new ArrayList<>();
		try (InputStream in = object.get()) {
			byte[] bytes = in.readAllBytes();
			SegmentFormat.checkHeader(bytes, SegmentFormat.INDEX_MAGIC);
			IndexCodec.read(bytes, SegmentFormat.HEADER_SIZE, entries::add);
		}
		catch (IOException | IllegalArgumentException ex) {
			logger.warn("Skipping {}: not a readable block index ({})", this.store.locate(objectKey), ex.getMessage());
		}
		IndexTable table = new IndexTable(entries);
		this.cache.put(cacheKey, table);
		return new BlockIndex(key, table);
	}

	/**
	 * Remembers the index of a block just uploaded, so that this process reads it without a GET.
	 * @param key the block
	 * @param table its index
	 */
	void uploaded(BlockKey key, IndexTable table) {
		this.cache.put(cacheKey(key.day(), key.base()), table);
	}

	// ---------------------------------------------------------------- reading

	/**
	 * The newest version of a trace among the uploaded blocks, when it is a trace that no
	 * tombstone hides.
	 * @param id the id
	 * @return the hit, or empty
	 */
	Optional<Hit> findLive(TraceId id) {
		UUID uuid = id.uuid();
		Optional<Instant> time = id.timestamp();
		List<LocalDate> days = TraceLayout.dayOf(id).map(List::of).orElseGet(() -> days(true));
		for (LocalDate date : days) {
			Day day = day(date);
			IndexEntry newest = null;
			BlockIndex newestBlock = null;
			for (BlockKey key : day.blocks()) {
				if (!key.specials() && time.isPresent() && !key.mayHold(time.get().toEpochMilli(), ID_SLACK_MILLIS)) {
					continue;
				}
				BlockIndex index = index(key);
				IndexEntry candidate = index.table()
					.newestVersion(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits());
				if (candidate != null && candidate.supersedes(newest)) {
					newest = candidate;
					newestBlock = index;
				}
			}
			Long tombstone = day.tombstones().get(uuid);
			if (newest != null || tombstone != null) {
				if (newest == null || newestBlock == null || !newest.isTrace()
						|| (tombstone != null && tombstone >= newest.version())) {
					return Optional.empty();
				}
				return Optional.of(new Hit(date, newestBlock, newest));
			}
		}
		return Optional.empty();
	}

	/**
	 * Reads a trace's record with one ranged GET of its frame.
	 * @param hit where it is
	 * @return the record (the trace's JSON), or empty when the block is gone
	 * @throws IOException when the frame does not hold
	 */
	Optional<byte[]> readRecord(Hit hit) throws IOException {
		String key = BlockKey.dayPrefix(hit.day()) + hit.block().key().segmentName();
		try {
			return Optional.of(SegmentFormat.readRecord((offset, length) -> this.store.readRange(key, offset, length)
				.orElseThrow(() -> new NoSuchFileException(this.store.locate(key))), hit.entry().location()));
		}
		catch (NoSuchFileException ex) {
			// purged meanwhile
			return Optional.empty();
		}
	}

	/**
	 * Opens an attachment of a trace with one ranged GET, decompressed as it is read.
	 * @param hit the trace
	 * @param name the attachment's name
	 * @return the content, or empty when there is none
	 */
	Optional<InputStream> openAttachment(Hit hit, String name) {
		for (IndexEntry entry : hit.block().table().lookup(hit.entry().idMsb(), hit.entry().idLsb())) {
			if (entry.kind() != IndexEntry.ATTACHMENT || entry.version() != hit.entry().version()
					|| !entry.path().equals(name)) {
				continue;
			}
			// the whole frame, its length and checksum included: the checksum is checked at the end
			String key = BlockKey.dayPrefix(hit.day()) + hit.block().key().segmentName();
			Optional<InputStream> range = this.store.getRange(key, entry.location().frameOffset(),
					entry.location().frameLength());
			if (range.isEmpty()) {
				return Optional.empty();
			}
			InputStream in = range.get();
			try {
				return Optional.of(AttachmentFrameReader.open(new BufferedInputStream(in, 64 * 1024), entry.location()));
			}
			catch (IOException ex) {
				closeQuietly(in);
				throw new TraceStorageException("could not read attachment " + name + " of trace " + hit.entry().id()
						+ " from " + this.store.locate(key) + ": " + ex.getMessage(), ex, true);
			}
		}
		return Optional.empty();
	}

	/**
	 * Adds a day's live traces that match the query to the page, newest first, reading only the
	 * indexes of blocks whose range of start times can still enter the page.
	 * @param date the day
	 * @param query the query
	 * @param page the page being collected
	 * @param skip ids already listed from local segments
	 */
	void collect(LocalDate date, TraceQuery query, PageCollector page, Set<UUID> skip) {
		Instant upper = query.upperBound();
		Instant from = query.from();
		Day day = day(date);
		List<BlockIndex> loaded = new ArrayList<>();
		Set<String> loadedBases = new HashSet<>();
		for (BlockKey key : day.blocks()) {
			if (key.specials()) {
				loaded.add(index(key));
				loadedBases.add(key.base());
			}
		}
		List<BlockKey> candidates = new ArrayList<>();
		for (BlockKey key : day.blocks()) {
			if (key.hasTraces() && (upper == null || !key.allAtOrAfter(upper)) && (from == null || !key.allBefore(from))) {
				candidates.add(key);
			}
		}
		candidates.sort(Comparator.comparingLong(BlockKey::newestMillis).reversed());
		NewestFirstMerge merge = new NewestFirstMerge(query);
		int next = 0;
		while (true) {
			IndexEntry head;
			while (next < candidates.size()
					&& ((head = merge.peek()) == null || candidates.get(next).newestMillis() >= head.startMillis())) {
				BlockKey key = candidates.get(next++);
				BlockIndex index = index(key);
				if (loadedBases.add(key.base())) {
					loaded.add(index);
				}
				merge.add(index.table());
			}
			IndexEntry entry = merge.next();
			if (entry == null) {
				return;
			}
			if (page.excludes(entry.startMillis()) || !page.next(entry.startTime())) {
				return;
			}
			UUID id = new UUID(entry.idMsb(), entry.idLsb());
			if (!skip.contains(id) && isLive(entry, day, loaded)) {
				page.offer(entry.summary());
			}
			else {
				page.skipped();
			}
		}
	}

	/** Whether a trace entry is its id's newest version among the loaded blocks and no tombstone hides it. */
	private static boolean isLive(IndexEntry entry, Day day, List<BlockIndex> loaded) {
		Long tombstone = day.tombstones().get(new UUID(entry.idMsb(), entry.idLsb()));
		if (tombstone != null && tombstone >= entry.version()) {
			return false;
		}
		for (BlockIndex index : loaded) {
			IndexEntry newest = index.table().newestVersion(entry.idMsb(), entry.idLsb());
			if (newest != null && newest.version() > entry.version()) {
				return false;
			}
		}
		return true;
	}

	// ---------------------------------------------------------------- writing and deleting

	/**
	 * Writes a tombstone: an empty object that hides every version of a trace up to a version.
	 * @param day the trace's day
	 * @param id the trace
	 * @param version the versions it hides, up to and including
	 */
	void putTombstone(LocalDate day, TraceId id, long version) {
		this.store.put(BlockKey.dayPrefix(day) + id + "." + version + BlockKey.TOMBSTONE, new byte[0]);
	}

	/**
	 * Deletes every object of a day.
	 * @param day the day
	 * @param errors receives the keys that could not be deleted
	 */
	void deleteDay(LocalDate day, List<String> errors) {
		errors.addAll(this.store.deleteAll(BlockKey.dayPrefix(day), (key) -> {
		}));
		this.cache.removeDay(TraceLayout.dayFolder(day));
	}

	private static String cacheKey(LocalDate day, String base) {
		return TraceLayout.dayFolder(day) + "/" + base;
	}

	private static void closeQuietly(InputStream in) {
		try {
			in.close();
		}
		catch (IOException ex) {
			// nothing more to read
		}
	}

	/**
	 * A day of uploaded blocks.
	 *
	 * @param day the day
	 * @param blocks the blocks whose index is uploaded
	 * @param tombstones the newest tombstone version of each deleted id
	 * @param bytes the size of every object of the day
	 */
	record Day(LocalDate day, List<BlockKey> blocks, Map<UUID, Long> tombstones, long bytes) {
	}

	/**
	 * Where the newest version of a trace is.
	 *
	 * @param day the day
	 * @param block the block's index
	 * @param entry the trace's entry
	 */
	record Hit(LocalDate day, BlockIndex block, IndexEntry entry) {
	}

}
