package io.chronotrace.core.storage.tool;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.chronotrace.core.compress.Compression;
import io.chronotrace.core.storage.TraceLayout;
import io.chronotrace.core.storage.TracePage;
import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.local.LocalFileSystemTraceStorage;
import io.chronotrace.core.storage.segment.SegmentFiles;
import io.chronotrace.core.storage.segment.SegmentTraceStorage;
import io.chronotrace.core.support.StoredAttachments;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceCodec;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.trace.TraceSummary;

/**
 * Commands for a server's shell, run with the application's classpath:
 * <pre>
 * print  {path} {traceId}                    prints a trace as JSON, from either layout
 * export {path} {yyyy-MM-dd|traceId} {target} copies a day or a trace of the segment layout
 *                                            into the folder layout under {target}
 * </pre>
 * The segment layout is read without taking it over, so both commands work while the
 * application runs. Exit status: 0 done, 1 not found, 2 wrong usage.
 */
public final class StorageTool {

	private static final String USAGE = """
			usage: StorageTool print  <chronotrace.path> <traceId>
			       StorageTool export <chronotrace.path> <yyyy-MM-dd | traceId> <target folder-layout directory>""";

	private StorageTool() {
	}

	public static void main(String[] args) throws IOException {
		System.exit(run(args, System.out, System.err));
	}

	/**
	 * Runs a command.
	 * @param args the command and its arguments
	 * @param out where results go
	 * @param err where messages go
	 * @return the exit status
	 * @throws IOException when files cannot be read or written
	 */
	public static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
		if (args.length == 3 && args[0].equals("print") && TraceId.isValid(args[2])) {
			return print(Path.of(args[1]), TraceId.parse(args[2]), out, err);
		}
		if (args.length == 4 && args[0].equals("export")) {
			return export(Path.of(args[1]), args[2], Path.of(args[3]), out, err);
		}
		err.println(USAGE);
		return 2;
	}

	private static int print(Path root, TraceId id, PrintStream out, PrintStream err) {
		if (!Files.isDirectory(root)) {
			err.println("No trace storage at " + root);
			return 1;
		}
		Optional<Trace> trace;
		if (SegmentFiles.isSegmentLayout(root)) {
			trace = SegmentTraceStorage.openReadOnly(root).retrieve(id);
		}
		else {
			trace = new LocalFileSystemTraceStorage(root, Compression.DEFAULT).retrieve(id);
		}
		if (trace.isEmpty()) {
			err.println("No trace " + id + " in " + root);
			return 1;
		}
		byte[] json = TraceCodec.get().toBytes(trace.get());
		out.write(json, 0, json.length);
		out.println();
		return 0;
	}

	private static int export(Path root, String what, Path target, PrintStream out, PrintStream err) {
		if (!SegmentFiles.isSegmentLayout(root)) {
			err.println(root + " is not in the segments layout (no " + SegmentFiles.LAYOUT_MARKER + ")");
			return 2;
		}
		SegmentTraceStorage source = SegmentTraceStorage.openReadOnly(root);
		LocalFileSystemTraceStorage folders = new LocalFileSystemTraceStorage(target, Compression.DEFAULT);
		List<TraceId> ids = new ArrayList<>();
		if (TraceId.isValid(what)) {
			ids.add(TraceId.parse(what));
		}
		else {
			Optional<LocalDate> day = TraceLayout.parseDay(what);
			if (day.isEmpty()) {
				err.println(USAGE);
				return 2;
			}
			String cursor = null;
			do {
				TracePage page = source.list(TraceQuery.builder()
					.from(TraceLayout.startOf(day.get()))
					.to(TraceLayout.startOf(day.get().plusDays(1)))
					.limit(TraceQuery.MAX_LIMIT)
					.scanLimit(TraceQuery.NO_SCAN_LIMIT)
					.cursor(cursor)
					.build());
				page.items().stream().map(TraceSummary::id).forEach(ids::add);
				cursor = page.nextCursor();
			}
			while (cursor != null);
		}
		int exported = 0;
		for (TraceId id : ids) {
			if (copy(source, folders, id)) {
				exported++;
			}
			else if (ids.size() == 1) {
				err.println("No trace " + id + " in " + root);
				return 1;
			}
		}
		out.println("Exported " + exported + " traces to " + target.toAbsolutePath());
		return 0;
	}

	private static boolean copy(SegmentTraceStorage source, TraceStorage target, TraceId id) {
		Optional<Trace> found = source.retrieve(id);
		if (found.isEmpty()) {
			return false;
		}
		Trace trace = StoredAttachments.withAttachments(source, found.get());
		try {
			target.store(trace);
		}
		finally {
			trace.releaseAttachments();
		}
		return true;
	}

}
