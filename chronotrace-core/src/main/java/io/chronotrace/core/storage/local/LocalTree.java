package io.chronotrace.core.storage.local;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import io.chronotrace.core.storage.TraceLayout;
import io.chronotrace.core.support.Failures;
import io.chronotrace.core.trace.TraceId;
import org.jspecify.annotations.Nullable;

/**
 * The directory tree of a local storage: where days and traces are, and the hidden work
 * entries ({@code .tmp-*}, {@code .old-*}, {@code .del-*}, {@code .purge-*}, {@code .probe-*})
 * kept directly under the root, beside the day folders. Work entries are renamed into place or
 * out of sight in one atomic step, so a reader never sees a half-written or half-deleted trace;
 * entries left by a killed process are deleted once stale.
 */
final class LocalTree {

	/** How old a work entry must be before it is taken for the leftover of a killed process. */
	static final Duration STALE_AFTER = Duration.ofMinutes(15);

	private static final int SWAPPED_READ_ATTEMPTS = 3;

	private static final Set<String> WORK_PREFIXES = Set.of(".tmp-", ".old-", ".del-", ".purge-", ".probe-");

	private final Path root;

	private final Warnings warnings;

	LocalTree(Path root, Warnings warnings) {
		this.root = root;
		this.warnings = warnings;
	}

	Path root() {
		return this.root;
	}

	Warnings warnings() {
		return this.warnings;
	}

	Path dayFolder(LocalDate day) {
		return this.root.resolve(TraceLayout.dayFolder(day));
	}

	Path traceFolder(LocalDate day, TraceId id) {
		return dayFolder(day).resolve(id.toString());
	}

	/**
	 * A new, unique name for a work entry under the root.
	 * @param kind {@code tmp}, {@code old}, {@code del}, {@code purge} or {@code probe}
	 * @param subject what it holds: a trace id or a day
	 * @return the path, which does not exist yet
	 */
	Path workEntry(String kind, String subject) {
		// unique without the lock and entropy of a random UUID: the subject is a trace id or a day
		return this.root.resolve("." + kind + "-" + subject + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
	}

	/**
	 * The day folders, oldest first. Hidden entries are passed over; anything else that is not
	 * a day folder is skipped with a warning.
	 * @return the days
	 * @throws IOException when the root cannot be read
	 */
	List<Day> days() throws IOException {
		List<Day> days = new ArrayList<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(this.root)) {
			for (Path entry : entries) {
				String name = entry.getFileName().toString();
				if (isHidden(name)) {
					continue;
				}
				Optional<LocalDate> day = TraceLayout.parseDay(name)
					.filter((date) -> TraceLayout.dayFolder(date).equals(name));
				if (day.isPresent() && Files.isDirectory(entry)) {
					days.add(new Day(day.get(), entry));
				}
				else {
					this.warnings.skipping(entry, "not a day folder (yyyy-MM-dd)");
				}
			}
		}
		days.sort(Comparator.comparing(Day::date));
		return days;
	}

	/**
	 * Finds the folder of a trace: in the day its id gives when the id is time-ordered (the
	 * writer files traces by their start, which such ids are made from), otherwise in every
	 * day, newest first.
	 * @param id the trace id
	 * @return the folder, or empty when there is none
	 * @throws IOException when the root cannot be read
	 */
	Optional<Path> find(TraceId id) throws IOException {
		Optional<LocalDate> day = TraceLayout.dayOf(id);
		if (day.isPresent()) {
			Path folder = traceFolder(day.get(), id);
			return isFolder(folder) ? Optional.of(folder) : Optional.empty();
		}
		List<Day> days = days();
		for (int i = days.size() - 1; i >= 0; i--) {
			Path folder = days.get(i).folder().resolve(id.toString());
			if (isFolder(folder)) {
				return Optional.of(folder);
			}
		}
		return Optional.empty();
	}

	/**
	 * Moves an entry out of sight in one step, then deletes it. A failure to delete is only
	 * logged: the hidden entry is deleted later as stale.
	 * @param entry the entry
	 * @param kind the kind of work entry it becomes
	 * @return whether the entry existed
	 * @throws IOException when it cannot be moved
	 */
	boolean discard(Path entry, String kind) throws IOException {
		Path hidden = workEntry(kind, entry.getFileName().toString());
		try {
			Files.move(entry, hidden, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (NoSuchFileException ex) {
			return false;
		}
		deleteQuietly(hidden);
		return true;
	}

	/**
	 * Deletes the work entries that a killed process left behind. Never throws.
	 */
	void deleteStaleWorkEntries() {
		Instant staleBefore = Instant.now().minus(STALE_AFTER);
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(this.root, LocalTree::isWorkEntry)) {
			for (Path entry : entries) {
				Instant modified = lastModified(entry);
				if (modified != null && modified.isBefore(staleBefore)) {
					deleteQuietly(entry);
				}
			}
		}
		catch (IOException ex) {
			this.warnings.failure("Could not clean up stale work entries of local trace storage " + this.root + ": "
					+ Failures.oneLine(ex));
		}
	}

	/**
	 * Deletes a file or a folder and what it holds, without following links. Entries that
	 * another thread deletes at the same time are not an error. Never throws.
	 * @param entry the entry
	 */
	void deleteQuietly(Path entry) {
		try {
			deleteRecursively(entry);
		}
		catch (IOException ex) {
			this.warnings.failure("Could not delete " + entry + " from local trace storage: " + Failures.oneLine(ex));
		}
	}

	/**
	 * The total size of the files under a folder.
	 * @param folder the folder
	 * @return the bytes
	 * @throws IOException when the folder cannot be read
	 */
	static long size(Path folder) throws IOException {
		long[] total = new long[1];
		Files.walkFileTree(folder, new SimpleFileVisitor<>() {

			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
				total[0] += attributes.size();
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFileFailed(Path file, IOException ex) {
				return FileVisitResult.CONTINUE;
			}

		});
		return total[0];
	}

	/**
	 * Reads a file of a trace folder. A writer replacing the trace moves the old folder aside
	 * before it renames the new one in, so a file found missing is looked for again before
	 * the caller calls the folder broken.
	 * @param read the read, which resolves the file afresh on each attempt
	 * @return what the read returned
	 * @throws NoSuchFileException when the file was missing on every attempt
	 * @throws IOException when the read fails otherwise
	 */
	static <T> T readSwappedFile(FolderFileRead<T> read) throws IOException {
		for (int attempt = 1;; attempt++) {
			try {
				return read.read();
			}
			catch (NoSuchFileException ex) {
				if (attempt == SWAPPED_READ_ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

	static boolean isHidden(String name) {
		return name.startsWith(".");
	}

	static boolean isFolder(Path path) {
		return Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
	}

	private static boolean isWorkEntry(Path entry) {
		String name = entry.getFileName().toString();
		return WORK_PREFIXES.stream().anyMatch(name::startsWith);
	}

	private static @Nullable Instant lastModified(Path entry) {
		try {
			return Files.getLastModifiedTime(entry, LinkOption.NOFOLLOW_LINKS).toInstant();
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static void deleteRecursively(Path entry) throws IOException {
		try {
			Files.walkFileTree(entry, new SimpleFileVisitor<>() {

				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
					Files.deleteIfExists(file);
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult visitFileFailed(Path file, IOException ex) throws IOException {
					if (ex instanceof NoSuchFileException) {
						return FileVisitResult.CONTINUE;
					}
					throw ex;
				}

				@Override
				public FileVisitResult postVisitDirectory(Path dir, @Nullable IOException ex) throws IOException {
					if (ex != null && !(ex instanceof NoSuchFileException)) {
						throw ex;
					}
					Files.deleteIfExists(dir);
					return FileVisitResult.CONTINUE;
				}

			});
		}
		catch (NoSuchFileException ex) {
			// deleted by someone else meanwhile
		}
	}

	/** One read of a file in a trace folder. */
	@FunctionalInterface
	interface FolderFileRead<T> {

		T read() throws IOException;

	}

	/**
	 * A day folder.
	 *
	 * @param date the UTC day
	 * @param folder its folder
	 */
	record Day(LocalDate date, Path folder) {
	}

}
