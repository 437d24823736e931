package io.chronotrace.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import io.chronotrace.core.compress.Compression;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceCodec;

import org.awaitility.Awaitility;

/**
 * Reads traces the way a user would find them: as files under {@code chronotrace.path}.
 */
final class StoredTraceFiles {

	private StoredTraceFiles() {
	}

	static Path folder(Path root, String traceId) {
		return root.resolve(LocalDate.now(ZoneOffset.UTC).toString()).resolve(traceId);
	}

	static Trace awaitTrace(Path root, String traceId) {
		Path file = folder(root, traceId).resolve("trace.json.gz");
		Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Files.isRegularFile(file));
		return read(file);
	}

	static Trace read(Path file) {
		try (InputStream in = Compression.decompress(Files.newInputStream(file))) {
			return TraceCodec.get().readTrace(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static List<Path> traceFolders(Path root) {
		try (Stream<Path> days = Files.list(root)) {
			return days.filter((day) -> !day.getFileName().toString().startsWith("."))
				.flatMap(StoredTraceFiles::children)
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Stream<Path> children(Path day) {
		try (Stream<Path> traces = Files.list(day)) {
			return traces.toList().stream();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
