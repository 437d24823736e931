package io.chronotrace.core.storage.memory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.chronotrace.core.storage.PageCollector;
import io.chronotrace.core.storage.PurgeResult;
import io.chronotrace.core.storage.StorageCheck;
import io.chronotrace.core.storage.StorageDescription;
import io.chronotrace.core.storage.TraceCursor;
import io.chronotrace.core.storage.TraceLayout;
import io.chronotrace.core.storage.TracePage;
import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.TraceStorageException;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceAttachment;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.trace.TraceSummary;

/**
 * Keeps the newest traces in memory, for tests and development ({@code storage: memory}).
 * Bounded: when it holds {@code capacity} traces, storing another evicts the oldest stored.
 * Attachments are read into memory, so it is not meant for large bodies.
 */
public final class InMemoryTraceStorage implements TraceStorage {

	private final int capacity;

	private final LinkedHashMap<TraceId, Entry> entries = new LinkedHashMap<>();

	/**
	 * Creates a storage.
	 * @param capacity the most traces kept
	 */
	public InMemoryTraceStorage(int capacity) {
		if (capacity < 1) {
			throw new IllegalArgumentException("capacity must be positive, was " + capacity);
		}
		this.capacity = capacity;
	}

	@Override
	public long store(Trace trace) {
		Map<String, byte[]> attachments = new HashMap<>();
		long bytes = 0;
		for (TraceAttachment attachment : trace.attachments()) {
			try {
				byte[] content = Files.readAllBytes(attachment.file());
				attachments.put(attachment.name(), content);
				bytes += content.length;
			}
			catch (IOException ex) {
				throw new TraceStorageException(
						"memory storage could not read attachment " + attachment.name() + " of trace " + trace.id(), ex);
			}
		}
		Entry entry = new Entry(trace.withoutAttachments(), trace.summary(), attachments);
		synchronized (this.entries) {
			this.entries.remove(trace.id());
			this.entries.put(trace.id(), entry);
			Iterator<TraceId> oldest = this.entries.keySet().iterator();
			while (this.entries.size() > this.capacity) {
				oldest.next();
				oldest.remove();
			}
		}
		return bytes;
	}

	@Override
	public Optional<Trace> retrieve(TraceId id) {
		synchronized (this.entries) {
			Entry entry = this.entries.get(id);
			return (entry != null) ? Optional.of(entry.trace()) : Optional.empty();
		}
	}

	@Override
	public TracePage list(TraceQuery query) {
		List<TraceSummary> all = new ArrayList<>();
		synchronized (this.entries) {
			for (Entry entry : this.entries.values()) {
				all.add(entry.summary());
			}
		}
		all.sort(TraceSummary.NEWEST_FIRST);
		// as a storage that reads would: newest first, within the scan limit
		PageCollector page = new PageCollector(query);
		TraceCursor start = query.start();
		for (TraceSummary summary : all) {
			if (start != null && !start.precedes(summary)) {
				continue;
			}
			boolean beforeRange = query.from() != null && summary.startTime().isBefore(query.from());
			if (beforeRange || page.isFull() || !page.next(summary.startTime())) {
				break;
			}
			page.offer(summary);
		}
		return page.toTracePage();
	}

	@Override
	public boolean delete(TraceId id) {
		synchronized (this.entries) {
			return this.entries.remove(id) != null;
		}
	}

	@Override
	public PurgeResult purgeOlderThan(Instant cutoff) {
		Instant firstKept = TraceLayout.startOf(TraceLayout.dayOf(cutoff));
		Set<LocalDate> days = new HashSet<>();
		long purged = 0;
		synchronized (this.entries) {
			Iterator<Entry> iterator = this.entries.values().iterator();
			while (iterator.hasNext()) {
				Instant start = iterator.next().summary().startTime();
				if (start.isBefore(firstKept)) {
					iterator.remove();
					days.add(TraceLayout.dayOf(start));
					purged++;
				}
			}
		}
		return PurgeResult.of(purged, days);
	}

	@Override
	public StorageCheck check() {
		int size;
		synchronized (this.entries) {
			size = this.entries.size();
		}
		return StorageCheck.ok().withDetail("traces", size).withDetail("capacity", this.capacity);
	}

	@Override
	public Optional<InputStream> openAttachment(TraceId id, String name) {
		synchronized (this.entries) {
			Entry entry = this.entries.get(id);
			byte[] content = (entry != null) ? entry.attachments().get(name) : null;
			return (content != null) ? Optional.of(new ByteArrayInputStream(content)) : Optional.empty();
		}
	}

	@Override
	public StorageDescription description() {
		return new StorageDescription("memory", "memory (newest " + this.capacity + ")");
	}

	@Override
	public String toString() {
		return "InMemoryTraceStorage{capacity=" + this.capacity + "}";
	}

	private record Entry(Trace trace, TraceSummary summary, Map<String, byte[]> attachments) {
	}


}
