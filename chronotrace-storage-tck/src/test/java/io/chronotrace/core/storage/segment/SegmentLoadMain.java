package io.chronotrace.core.storage.segment;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.chronotrace.core.storage.BatchStoreResult;
import io.chronotrace.core.trace.TestTraces;
import io.chronotrace.core.trace.Trace;

/**
 * Stores batches of traces into a segment storage from several threads until killed, printing
 * {@code stored <id>} for every trace of a batch whose write returned. Run by
 * {@link SegmentKillTests} in a child JVM.
 */
public final class SegmentLoadMain {

	private SegmentLoadMain() {
	}

	public static void main(String[] args) throws Exception {
		SegmentTraceStorage storage = SegmentTraceStorage.open(Path.of(args[0]), SegmentSettings.DEFAULT);
		Instant start = Instant.parse("2026-11-21T00:00:00Z");
		System.out.println("ready");
		System.out.flush();
		List<Thread> threads = new ArrayList<>();
		for (int t = 0; t < 3; t++) {
			int lane = t;
			Thread thread = new Thread(() -> {
				for (long n = 0;; n++) {
					List<Trace> batch = new ArrayList<>();
					for (int i = 0; i < 50; i++) {
						batch.add(TestTraces.trace(start.plusMillis((n * 50 + i) * 3 + lane)));
					}
					BatchStoreResult result = storage.storeAll(batch);
					StringBuilder out = new StringBuilder();
					for (Trace trace : batch) {
						if (result.failures().stream().noneMatch((failure) -> failure.id().equals(trace.id()))) {
							out.append("stored ").append(trace.id()).append('\n');
						}
					}
					synchronized (System.out) {
						System.out.print(out);
						System.out.flush();
					}
				}
			});
			thread.start();
			threads.add(thread);
		}
		for (Thread thread : threads) {
			thread.join();
		}
	}

}
