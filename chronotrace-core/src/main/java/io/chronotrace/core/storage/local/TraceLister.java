package io.chronotrace.core.storage.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import io.chronotrace.core.support.Failures;
import io.chronotrace.core.compress.Compression;
import io.chronotrace.core.storage.PageCollector;
import io.chronotrace.core.storage.TraceLayout;
import io.chronotrace.core.storage.TracePage;
import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.trace.TraceCodec;
import io.chronotrace.core.trace.TraceFormatException;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.trace.TraceSummary;
import org.jspecify.annotations.Nullable;

/**
 * Lists traces newest first by reading {@code metadata.json} files only, and as few of them as
 * the page needs.
 * <p>
 * Days outside the query's time range are not opened. Within a day, folders named by
 * time-ordered ids are visited newest millisecond first, and reading stops once the page (plus
 * one, to know whether more remain) is full and the next folder's millisecond is older than
 * the oldest summary kept: page 1 of a day of 100 000 traces reads about a page of files.
 * Folders named by ids that carry no time are all read. This relies on every trace being filed
 * under the day of its start, with an id made from its start; summaries that are not are
 * skipped with a warning.
 */
final class TraceLister {

	private final LocalTree tree;

	private final AtomicLong metadataReads = new AtomicLong();

	TraceLister(LocalTree tree) {
		this.tree = tree;
	}

	TracePage list(TraceQuery query) throws IOException {
		PageCollector page = new PageCollector(query);
		List<LocalTree.Day> days = new ArrayList<>(this.tree.days());
		Collections.reverse(days);
		return page.walkDays(days, LocalTree.Day::date, (day) -> listDay(day, page));
	}

	/**
	 * How many {@code metadata.json} files listings have read, for tests of the read bound.
	 * @return the count
	 */
	long metadataReads() {
		return this.metadataReads.get();
	}

	private void listDay(LocalTree.Day day, PageCollector page) {
		List<TraceId> ids = new ArrayList<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(day.folder())) {
			for (Path entry : entries) {
				String name = entry.getFileName().toString();
				if (LocalTree.isHidden(name)) {
					continue;
				}
				if (TraceId.isValid(name) && TraceId.parse(name).toString().equals(name)) {
					ids.add(TraceId.parse(name));
				}
				else {
					this.tree.warnings().skipping(entry, "not a trace folder (named by a trace id)");
				}
			}
		}
		catch (NoSuchFileException ex) {
			return; // purged meanwhile
		}
		catch (IOException ex) {
			this.tree.warnings().skipping(day.folder(), "cannot be read: " + Failures.oneLine(ex));
			return;
		}
		page.collectDay(ids, (id) -> read(day, id));
	}

	private Optional<TraceSummary> read(LocalTree.Day day, TraceId id) {
		Path folder = day.folder().resolve(id.toString());
		Path file = folder.resolve(TraceLayout.METADATA_FILE);
		this.metadataReads.incrementAndGet();
		TraceSummary summary;
		try {
			summary = LocalTree.readSwappedFile(() -> readSummary(file));
		}
		catch (NoSuchFileException ex) {
			if (LocalTree.isFolder(folder)) {
				this.tree.warnings().skipping(folder, "it has no " + TraceLayout.METADATA_FILE);
			}
			return Optional.empty();
		}
		catch (IOException | TraceFormatException ex) {
			this.tree.warnings().skipping(file, "cannot be read: " + Failures.oneLine(ex));
			return Optional.empty();
		}
		String misfiled = misfiled(summary, day.date(), id);
		if (misfiled != null) {
			this.tree.warnings().skipping(file, misfiled);
			return Optional.empty();
		}
		return Optional.of(summary);
	}

	private static TraceSummary readSummary(Path file) throws IOException {
		try (InputStream in = Compression.decompress(Files.newInputStream(file))) {
			return TraceCodec.get().readSummary(in);
		}
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

}
