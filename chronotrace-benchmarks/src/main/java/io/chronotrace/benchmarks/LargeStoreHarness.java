package io.chronotrace.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import io.chronotrace.core.compress.Compression;
import io.chronotrace.core.storage.StatusFilter;
import io.chronotrace.core.storage.TracePage;
import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.local.LocalFileSystemTraceStorage;
import io.chronotrace.core.storage.segment.SegmentSettings;
import io.chronotrace.core.storage.segment.SegmentTraceStorage;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.trace.TraceRequest;
import io.chronotrace.core.trace.TraceResponse;

/**
 * Generates traces over three days with one layout, then times what a user does with a full
 * store: the newest 50, a filtered page (5xx under one path prefix), retrieve by id, and the
 * purge of the oldest day. Not a unit test: run by hand.
 * <pre>
 * java -cp chronotrace-benchmarks/target/benchmarks.jar io.chronotrace.benchmarks.LargeStoreHarness \
 *     segments 1000000 /path/on/the/file/system/under/test
 * </pre>
 * Arguments: the layout ({@code folders} or {@code segments}), how many traces (the oldest day
 * gets 30 % of them), the parent directory (default: the temporary directory), and optionally
 * how many milliseconds to wait after the restart before timing.
 */
public final class LargeStoreHarness {

	private LargeStoreHarness() {
	}

	public static void main(String[] args) throws Exception {
		String layout = (args.length > 0) ? args[0] : "segments";
		int count = (args.length > 1) ? Integer.parseInt(args[1]) : 1_000_000;
		Path parent = (args.length > 2) ? Path.of(args[2]) : Path.of(System.getProperty("java.io.tmpdir"));
		Path root = Files.createTempDirectory(parent, "chronotrace-harness-").resolve("traces");
		Instant firstDay = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(2, ChronoUnit.DAYS);
		TraceStorage storage = open(layout, root);
		Random random = new Random(7);
		String[] paths = { "/api/orders", "/api/orders/42", "/api/products/7", "/api/customers/3", "/health" };
		int[] statuses = { 200, 200, 200, 200, 201, 204, 302, 404, 500, 503 };
		long generateStart = System.nanoTime();
		List<TraceId> sample = new ArrayList<>();
		List<Trace> batch = new ArrayList<>(256);
		for (int i = 0; i < count; i++) {
			// 30 % on the oldest day, 35 % on each of the two others; within a day, time-ordered
			double position = (double) i / count;
			Instant start = (position < 0.3) ? firstDay.plusNanos((long) (position / 0.3 * 86_399e9))
					: firstDay.plus(1, ChronoUnit.DAYS).plusNanos((long) ((position - 0.3) / 0.7 * 2 * 86_399e9));
			start = start.truncatedTo(ChronoUnit.MICROS);
			Trace trace = trace(start, paths[random.nextInt(paths.length)], statuses[random.nextInt(statuses.length)]);
			batch.add(trace);
			if (i % (count / 100 + 1) == 0) {
				sample.add(trace.id());
			}
			if (batch.size() == 256) {
				storage.storeAll(batch);
				batch.clear();
			}
		}
		storage.storeAll(batch);
		long generateMillis = Duration.ofNanos(System.nanoTime() - generateStart).toMillis();
		System.out.printf("%s: stored %,d traces in %,d ms (%,.0f traces/s on one thread)%n", layout, count,
				generateMillis, count * 1000.0 / Math.max(1, generateMillis));
		if (storage instanceof AutoCloseable closeable) {
			closeable.close(); // a restart: what follows reads what a new process finds
		}
		storage = open(layout, root);
		TraceStorage store = storage;
		if (args.length > 3) {
			// give a new process the time to read its indexes ahead, as an application has
			Thread.sleep(Long.parseLong(args[3]));
		}
		time("newest 50 (first, cold)", () -> store.list(TraceQuery.newest()).items().size());
		time("newest 50 (again)", () -> store.list(TraceQuery.newest()).items().size());
		TraceQuery filtered = TraceQuery.builder().status(StatusFilter.series(5)).pathPrefix("/api/orders").build();
		time("5xx under /api/orders, 50", () -> store.list(filtered).items().size());
		for (String round : List.of("first", "again")) {
			long retrieveStart = System.nanoTime();
			int found = 0;
			for (TraceId id : sample) {
				found += store.retrieve(id).isPresent() ? 1 : 0;
			}
			System.out.printf("retrieve by id (%s): %.2f ms on average over %d ids of the 3 days (%d found)%n", round,
					(System.nanoTime() - retrieveStart) / 1e6 / sample.size(), sample.size(), found);
		}
		time("purge of the oldest day", () -> store.purgeOlderThan(firstDay.plus(1, ChronoUnit.DAYS)));
		if (storage instanceof AutoCloseable closeable) {
			closeable.close();
		}
	}

	private static TraceStorage open(String layout, Path root) {
		return layout.equals("segments") ? SegmentTraceStorage.open(root, SegmentSettings.DEFAULT)
				: new LocalFileSystemTraceStorage(root, Compression.DEFAULT);
	}

	private static void time(String what, Supplier<Object> action) {
		long start = System.nanoTime();
		Object result = action.get();
		System.out.printf("%s: %.1f ms (%s)%n", what, (System.nanoTime() - start) / 1e6, result);
	}

	private static Trace trace(Instant start, String path, int status) {
		Trace template = TraceWriteBenchmark.trace(start);
		TraceRequest request = template.request();
		return template.withExchange(new TraceRequest(request.method(), "http://127.0.0.1:18082" + path, path,
				request.query(), request.headers(), request.body(), request.remoteAddress()),
				new TraceResponse(status, template.response().headers(), template.response().body(),
						template.response().size()),
				null);
	}

}
