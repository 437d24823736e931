package io.chronotrace.core.storage.segment;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import io.chronotrace.core.storage.TraceLayout;
import io.chronotrace.core.storage.TraceStorageException;
import io.chronotrace.core.support.RateLimitedLog;

/**
 * The root directory of a segment storage: its day folders and file names, how its problems
 * are told (each warning once, failures naming the directory), and who hears of its sealed
 * segments.
 */
final class SegmentDirectory {

	private final Path root;

	private final RateLimitedLog warnings;

	private final SealedSegmentListener sealListener;

	SegmentDirectory(Path root, Consumer<String> warnings, SealedSegmentListener sealListener) {
		this.root = root.toAbsolutePath().normalize();
		this.warnings = RateLimitedLog.oncePerKey(warnings);
		this.sealListener = sealListener;
	}

	Path root() {
		return this.root;
	}

	List<LocalDate> days() {
		List<LocalDate> days = new ArrayList<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(this.root)) {
			for (Path entry : entries) {
				String name = entry.getFileName().toString();
				if (name.startsWith(".")) {
					continue;
				}
				Optional<LocalDate> day = TraceLayout.parseDay(name).filter((date) -> TraceLayout.dayFolder(date).equals(name));
				if (day.isPresent() && Files.isDirectory(entry)) {
					days.add(day.get());
				}
				else {
					warnOnce(entry.toString(), "Skipping " + entry + " in local trace storage: not a day folder (yyyy-MM-dd)");
				}
			}
		}
		catch (NoSuchFileException ex) {
			return days;
		}
		catch (IOException ex) {
			throw failure("list its days", ex);
		}
		days.sort(null);
		return days;
	}

	Path dayFolder(LocalDate day) {
		return this.root.resolve(TraceLayout.dayFolder(day));
	}

	Path segmentFile(LocalDate day, String base) {
		Path sealed = dayFolder(day).resolve(base + SegmentFiles.SEGMENT);
		return Files.exists(sealed) ? sealed : dayFolder(day).resolve(base + SegmentFiles.OPEN_SEGMENT);
	}

	static String key(LocalDate day, String base) {
		return TraceLayout.dayFolder(day) + "/" + base;
	}

	/** Tells the listener about a sealed segment; a listener that fails is warned about once. */
	void sealed(LocalDate day, Path folder, String base) {
		try {
			this.sealListener.sealed(day, folder.resolve(base + SegmentFiles.SEGMENT),
					folder.resolve(base + SegmentFiles.INDEX));
		}
		catch (RuntimeException ex) {
			warnOnce("listener-" + base, "The listener of sealed segments of local trace storage " + this.root
					+ " failed for " + base + ": " + ex);
		}
	}

	void warnOnce(String key, String message) {
		this.warnings.warnOnce(key, () -> message);
	}

	TraceStorageException failure(String action, Exception ex) {
		return new TraceStorageException("local trace storage " + this.root + " could not " + action + ": " + describe(ex),
				ex);
	}

	static String describe(Throwable ex) {
		String message = ex.getMessage();
		String name = ex.getClass().getSimpleName();
		if (ex instanceof NoSuchFileException) {
			return "no such file " + message;
		}
		return (message != null) ? (ex instanceof IOException && !(ex.getClass() == IOException.class)
				? name + ": " + message : message) : name;
	}

	static boolean isDiskFull(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			String message = cause.getMessage();
			if (message != null && (message.contains("No space left") || message.contains("Disk quota exceeded")
					|| message.contains("not enough space"))) {
				return true;
			}
		}
		return false;
	}

	void deleteQuietly(Path folder) {
		try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
			for (Path file : files) {
				Files.deleteIfExists(file);
			}
			Files.deleteIfExists(folder);
		}
		catch (IOException ex) {
			warnOnce(folder.toString(), "Could not delete " + folder + " of local trace storage: " + describe(ex));
		}
	}

}
