package io.chronotrace.core.storage.tool;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import io.chronotrace.core.compress.Compression;
import io.chronotrace.core.storage.local.LocalFileSystemTraceStorage;
import io.chronotrace.core.storage.segment.SegmentSettings;
import io.chronotrace.core.storage.segment.SegmentTraceStorage;
import io.chronotrace.core.trace.TestTraces;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceAttachment;
import io.chronotrace.core.trace.TraceCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class StorageToolTests {

	private static final Instant DAY = Instant.parse("2026-11-21T00:00:00Z");

	@TempDir
	Path temp;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Test
	void printsATraceAsJsonFromEitherLayout() throws IOException {
		Trace trace = TestTraces.trace(DAY.plusSeconds(60));
		try (SegmentTraceStorage segments = SegmentTraceStorage.open(this.temp.resolve("segments"), SegmentSettings.DEFAULT)) {
			segments.store(trace);
			// read while the application still holds the directory
			assertThat(run("print", this.temp.resolve("segments").toString(), trace.id().toString())).isZero();
		}
		assertThat(TraceCodec.get().readTrace(this.out.toByteArray())).isEqualTo(trace);

		new LocalFileSystemTraceStorage(this.temp.resolve("folders"), Compression.DEFAULT).store(trace);
		this.out.reset();
		assertThat(run("print", this.temp.resolve("folders").toString(), trace.id().toString())).isZero();
		assertThat(TraceCodec.get().readTrace(this.out.toByteArray())).isEqualTo(trace);

		assertThat(run("print", this.temp.resolve("folders").toString(), "01a1fe6a-ff14-72aa-8aa5-4bb6ad112fa8"))
			.isEqualTo(1);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("No trace 01a1fe6a");
	}

	@Test
	void exportsADayOrOneTraceOfSegmentsIntoTheFolderLayoutWithAttachments() throws IOException {
		Trace withAttachment = TestTraces.full(DAY.plusSeconds(3600), this.temp);
		TraceAttachment attachment = withAttachment.attachments().get(0);
		byte[] attachmentContent = Files.readAllBytes(attachment.file());
		Trace sameDay = TestTraces.trace(DAY.plusSeconds(7200));
		Trace otherDay = TestTraces.trace(DAY.plusSeconds(86400 + 60));
		try (SegmentTraceStorage segments = SegmentTraceStorage.open(this.temp.resolve("segments"), SegmentSettings.DEFAULT)) {
			segments.store(withAttachment);
			segments.store(sameDay);
			segments.store(otherDay);
		}

		assertThat(run("export", this.temp.resolve("segments").toString(), "2026-11-21",
				this.temp.resolve("day").toString())).isZero();
		assertThat(run("export", this.temp.resolve("segments").toString(), otherDay.id().toString(),
				this.temp.resolve("one").toString())).isZero();

		LocalFileSystemTraceStorage day = new LocalFileSystemTraceStorage(this.temp.resolve("day"), Compression.DEFAULT);
		assertThat(day.retrieve(withAttachment.id())).contains(withAttachment.withoutAttachments());
		assertThat(day.retrieve(sameDay.id())).contains(sameDay);
		assertThat(day.retrieve(otherDay.id())).isEmpty();
		try (InputStream in = day.openAttachment(withAttachment.id(), attachment.name()).orElseThrow()) {
			assertThat(in.readAllBytes()).isEqualTo(attachmentContent);
		}
		LocalFileSystemTraceStorage one = new LocalFileSystemTraceStorage(this.temp.resolve("one"), Compression.DEFAULT);
		assertThat(one.retrieve(otherDay.id())).contains(otherDay);
		assertThat(this.out.toString(StandardCharsets.UTF_8)).contains("Exported 2 traces").contains("Exported 1 traces");
	}

	private int run(String... args) throws IOException {
		return StorageTool.run(args, new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

}
