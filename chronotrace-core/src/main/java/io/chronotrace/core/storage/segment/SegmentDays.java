package io.chronotrace.core.storage.segment;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

import io.chronotrace.core.storage.PurgeResult;
import io.chronotrace.core.storage.TraceLayout;

/**
 * The whole days of a segment storage: purging the old ones and measuring their sizes.
 */
final class SegmentDays {

	private final SegmentDirectory directory;

	private final SegmentIndexes indexes;

	private final SegmentWriter writer;

	SegmentDays(SegmentDirectory directory, SegmentIndexes indexes, SegmentWriter writer) {
		this.directory = directory;
		this.indexes = indexes;
		this.writer = writer;
	}

	PurgeResult purgeOlderThan(Instant cutoff) {
		LocalDate firstKept = TraceLayout.dayOf(cutoff);
		List<LocalDate> old = this.directory.days().stream().filter((day) -> day.isBefore(firstKept)).toList();
		if (old.isEmpty()) {
			return PurgeResult.NOTHING;
		}
		this.writer.sealAll(firstKept);
		List<LocalDate> purged = new ArrayList<>();
		for (LocalDate day : old) {
			Path hidden = this.directory.root().resolve(".purge-" + TraceLayout.dayFolder(day) + "-"
					+ Long.toHexString(ThreadLocalRandom.current().nextLong()));
			try {
				Files.move(this.directory.dayFolder(day), hidden, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (NoSuchFileException ex) {
				continue;
			}
			catch (IOException ex) {
				throw this.directory.failure("purge day " + day, ex);
			}
			this.indexes.forgetDay(day);
			this.directory.deleteQuietly(hidden);
			purged.add(day);
		}
		return PurgeResult.ofDays(purged);
	}

	SortedMap<LocalDate, Long> sizeByDay() {
		SortedMap<LocalDate, Long> sizes = new TreeMap<>();
		for (LocalDate day : this.directory.days()) {
			long size = 0;
			try (DirectoryStream<Path> files = Files.newDirectoryStream(this.directory.dayFolder(day))) {
				for (Path file : files) {
					size += Files.size(file);
				}
			}
			catch (NoSuchFileException ex) {
				continue;
			}
			catch (IOException ex) {
				throw this.directory.failure("measure its size", ex);
			}
			sizes.put(day, size);
		}
		return sizes;
	}

}
