package io.chronotrace.core.storage.segment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.chronotrace.core.storage.BatchStoreResult;
import io.chronotrace.core.storage.StorageCheck;
import io.chronotrace.core.trace.TestTraces;
import io.chronotrace.core.trace.Trace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A full disk fails the batches that do not fit (reported per trace, never thrown), turns the
 * check DOWN with "disk full", and writing resumes by itself once there is room. On a real
 * 3 MB tmpfs when this process may mount one (root on Linux), else through an injected
 * ENOSPC.
 */
class SegmentDiskFullTests {

	private static final Instant DAY = Instant.parse("2026-11-21T00:00:00Z");

	@TempDir
	Path temp;

	private final Random random = new Random(42);

	private boolean mounted;

	private Path disk;

	@AfterEach
	void unmount() throws Exception {
		if (this.mounted) {
			run("umount", this.disk.toString());
		}
	}

	@Test
	void fullDiskFailsTheBatchTurnsHealthDownAndRecoversWhenSpaceReturns() throws Exception {
		this.disk = Files.createDirectory(this.temp.resolve("disk"));
		this.mounted = run("mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", this.disk.toString());
		assumeTrue(this.mounted, "a small file system to fill (mount -t tmpfs, as root)");
		Path ballast = this.disk.resolve("ballast");
		long free = Files.getFileStore(this.disk).getUsableSpace();
		Files.write(ballast, new byte[(int) (free - 400 * 1024)]);
		try (SegmentTraceStorage storage = SegmentTraceStorage.open(this.disk.resolve("traces"), SegmentSettings.DEFAULT)) {
			List<Trace> stored = new ArrayList<>();
			BatchStoreResult failed = null;
			for (int batch = 0; batch < 200 && failed == null; batch++) {
				List<Trace> traces = bulkyBatch(batch);
				BatchStoreResult result = storage.storeAll(traces);
				if (result.allStored()) {
					stored.addAll(traces);
				}
				else {
					failed = result;
				}
			}
			assertThat(failed).as("a batch failed for lack of space").isNotNull();
			assertThat(failed.failures()).isNotEmpty()
				.allSatisfy((failure) -> assertThat(failure.cause().getMessage()).contains("No space left"));
			StorageCheck down = storage.check();
			assertThat(down.up()).isFalse();
			assertThat(down.reason()).contains("disk full");
			stored.forEach((trace) -> assertThat(storage.retrieve(trace.id())).isPresent());

			Files.delete(ballast);

			assertThat(storage.check().up()).isTrue();
			List<Trace> after = bulkyBatch(1000);
			assertThat(storage.storeAll(after).allStored()).isTrue();
			after.forEach((trace) -> assertThat(storage.retrieve(trace.id())).contains(trace));
			stored.forEach((trace) -> assertThat(storage.retrieve(trace.id())).contains(trace));
		}
	}

	/** Fifty traces whose paths are random hex, which compresses to about half. */
	private List<Trace> bulkyBatch(int batch) {
		List<Trace> traces = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			byte[] noise = new byte[2000];
			this.random.nextBytes(noise);
			traces.add(TestTraces.builder(DAY.plusSeconds(batch * 100L + i))
				.path("/api/" + HexFormat.of().formatHex(noise))
				.build());
		}
		return traces;
	}

	private static boolean run(String... command) throws Exception {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
