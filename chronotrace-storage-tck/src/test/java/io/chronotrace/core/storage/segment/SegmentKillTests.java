package io.chronotrace.core.storage.segment;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.trace.TestTraces;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real JVM writing from three threads is killed with SIGKILL in the middle of its load; the
 * next start finds every trace of every batch whose write had returned, and appends after.
 */
class SegmentKillTests {

	@TempDir
	Path root;

	@Test
	void everyTraceWhoseBatchWasWrittenSurvivesKillMinus9() throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process child = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
				SegmentLoadMain.class.getName(), this.root.toString())
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		List<TraceId> stored = new ArrayList<>();
		try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
			assertThat(out.readLine()).isEqualTo("ready");
			String line;
			while (stored.size() < 3000 && (line = out.readLine()) != null) {
				if (line.startsWith("stored ")) {
					stored.add(TraceId.parse(line.substring(7)));
				}
			}
			// SIGKILL while the writers are busy: no shutdown hook, no sealing; kill(1) rather
			// than destroyForcibly(), which would close the pipe before the last lines are read
			Process kill = new ProcessBuilder("kill", "-9", String.valueOf(child.pid())).start();
			assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();
			assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
			while ((line = out.readLine()) != null) {
				if (line.startsWith("stored ")) {
					stored.add(TraceId.parse(line.substring(7)));
				}
			}
		}
		finally {
			child.destroyForcibly();
		}
		assertThat(stored).hasSizeGreaterThanOrEqualTo(3000);

		List<String> warnings = new ArrayList<>();
		try (SegmentTraceStorage reopened = SegmentTraceStorage.open(this.root, SegmentSettings.DEFAULT, warnings::add)) {
			for (TraceId id : stored) {
				assertThat(reopened.retrieve(id)).as("trace %s", id).isPresent();
			}
			assertThat(warnings).as("at most one warning per segment open at the kill").hasSizeLessThanOrEqualTo(3);
			Trace next = TestTraces.trace(Instant.parse("2026-11-22T00:00:00Z"));
			reopened.store(next);
			assertThat(reopened.list(TraceQuery.newest()).items().get(0)).isEqualTo(next.summary());
		}
		assertThat(new File(this.root.toFile(), "2026-11-21").list((dir, name) -> name.endsWith(SegmentFiles.OPEN_SEGMENT)))
			.isEmpty();
	}

}
